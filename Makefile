# Thin wrapper over CMake. `make demo` and `make test` work on a fresh Debian 12 machine: they install the
# Debian packages xxgk needs (scripts/install-deps.sh), build, and run.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
RELEASE_BUILD ?= build-release

PORT ?= 8080

.PHONY: all deps deps-test configure build release demo serve test alltest check-fresh accept bench fuzz clean

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# The programs to install and to measure: built twice, the second time with the profile of a training run
# over the bundled reports (scripts/build-release.sh; GCC profile-guided optimisation, about 8 % faster).
release: deps
	@JOBS=$(JOBS) CMAKE_FLAGS="-DXXGK_BUILD_TESTS=OFF $(CMAKE_FLAGS)" bash scripts/build-release.sh $(RELEASE_BUILD)

# Check the bundled sample reports and print the findings in Chinese.
demo: build
	@echo "== xxgk check samples/  (bundled real reports, plain text)"
	@$(BUILD)/xxgk check samples/ ; rc=$$?; echo "(exit code $$rc: 0 clean, 1 error findings, 2 unreadable input)"
	@echo
	@echo "== xxgk check tests/fixtures/*.{html,docx,pdf}  (the same reports as web pages, Word and PDF)"
	@$(BUILD)/xxgk check tests/fixtures/*.html tests/fixtures/*.docx tests/fixtures/*.pdf | tail -n 1
	@echo
	@echo "== xxgk ingest samples/ --db sqlite:$(BUILD)/demo.db  (the embedded SQLite corpus)"
	@rm -f $(BUILD)/demo.db $(BUILD)/demo.db-wal $(BUILD)/demo.db-shm
	@sed -e 's/2024/2023/g; s/2025/2024/g' samples/daxing_weijianwei_2024.txt > $(BUILD)/daxing_weijianwei_2023.txt
	@$(BUILD)/xxgk ingest samples/ $(BUILD)/daxing_weijianwei_2023.txt --db sqlite:$(BUILD)/demo.db --quiet
	@echo "== xxgk list"
	@$(BUILD)/xxgk list --db sqlite:$(BUILD)/demo.db
	@echo "== xxgk stats --by year"
	@$(BUILD)/xxgk stats --by year --db sqlite:$(BUILD)/demo.db
	@echo "== xxgk compare 北京市大兴区卫生健康委员会 --years 2023,2024  (findings only; the 2023 report is a copy made for the demo)"
	@$(BUILD)/xxgk compare 北京市大兴区卫生健康委员会 --years 2023,2024 --db sqlite:$(BUILD)/demo.db | sed -n '/共 200 个单元格/,$$p'
	@$(BUILD)/xxgk export --to xlsx --out $(BUILD)/demo.xlsx --db sqlite:$(BUILD)/demo.db
	@echo
	@echo "== xxgk template / render  (a filled-in report in the official layout, as Word and a web page)"
	@$(BUILD)/xxgk parse samples/hualong_weijianwei_2024.txt > $(BUILD)/demo_report.json
	@$(BUILD)/xxgk render $(BUILD)/demo_report.json --to docx --out $(BUILD)/demo_report.docx
	@$(BUILD)/xxgk render $(BUILD)/demo_report.json --to html --out $(BUILD)/demo_report.html
	@echo "wrote $(BUILD)/demo_report.docx and $(BUILD)/demo_report.html; xxgk check on them:"
	@$(BUILD)/xxgk check $(BUILD)/demo_report.docx $(BUILD)/demo_report.html | tail -n 1
	@echo
	@echo "== xxgk register  (an office's ledger of applications: deadlines, table 3 computed, a draft that checks clean)"
	@$(BUILD)/xxgk register synth --out $(BUILD)/demo_office --year 2025 --count 300 --seed 3 2>/dev/null
	@$(BUILD)/xxgk register import $(BUILD)/demo_office/ledger.xlsx --body 北京市大兴区卫生健康委员会 --db sqlite:$(BUILD)/demo.db | tail -n 1
	@$(BUILD)/xxgk register due --body 北京市大兴区卫生健康委员会 --date 2025-12-31 --db sqlite:$(BUILD)/demo.db | head -n 1
	@$(BUILD)/xxgk register tables --body 北京市大兴区卫生健康委员会 --year 2025 --db sqlite:$(BUILD)/demo.db | sed -n '3,4p;26,27p'
	@$(BUILD)/xxgk register counts --body 北京市大兴区卫生健康委员会 --year 2025 --licenses 12 --penalties 3 --coercions 0 --fees-wan 0 --db sqlite:$(BUILD)/demo.db >/dev/null
	@$(BUILD)/xxgk register regulations $(BUILD)/demo_office/regulations.csv --body 北京市大兴区卫生健康委员会 --db sqlite:$(BUILD)/demo.db >/dev/null
	@$(BUILD)/xxgk register draft --body 北京市大兴区卫生健康委员会 --year 2025 --to docx --out $(BUILD)/demo_draft.docx --db sqlite:$(BUILD)/demo.db
	@echo "wrote $(BUILD)/demo_draft.docx; xxgk check on it:"
	@$(BUILD)/xxgk check $(BUILD)/demo_draft.docx | tail -n 1
	@echo
	@echo "== the web app: make demo SERVE=1 (or make serve) starts it on http://127.0.0.1:$(PORT)/ over build/demo.db"
	@if [ "$(SERVE)" = 1 ]; then $(BUILD)/xxgk serve --db sqlite:$(BUILD)/demo.db --port $(PORT); fi

# The web app over the demo store (run `make demo` first to fill it).
serve: build
	@[ -f $(BUILD)/demo.db ] || $(MAKE) --no-print-directory demo
	@$(BUILD)/xxgk serve --db sqlite:$(BUILD)/demo.db --port $(PORT)

# The test-only packages (Chromium, wrk, the PostgreSQL server binaries, pdftotext, curl).
deps-test:
	@bash scripts/install-deps.sh --test

# Every test: unit, golden, mutation, bad input, CLI, scoring against ../shared when present.
test: deps-test build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -LE slow

alltest: deps-test build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The quick start in a fresh Debian 12 root file system (debootstrap; root only; 30–60 minutes). The last
# result is recorded in docs/HACKING.md.
check-fresh:
	@bash scripts/check-fresh.sh

# Rewrite the golden expected files from the current program; review with `git diff`.
accept: build
	@XXGK_ACCEPT=1 $(BUILD)/tests/golden_test >/dev/null || true
	@git status --short tests/golden

bench: release
	@$(RELEASE_BUILD)/bench/bench_pipeline --benchmark_min_time=1
	@$(RELEASE_BUILD)/bench/bench_render --benchmark_min_time=1
	@bash bench/batch.sh $(RELEASE_BUILD)/xxgk
	@bash bench/store.sh $(RELEASE_BUILD)/xxgk

fuzz:
	@bash fuzz/run.sh

clean:
	@rm -rf $(BUILD) $(RELEASE_BUILD)

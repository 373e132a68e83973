// Recognising the same body across years and documents: a canonical key for an agency name (abbreviations
// expanded, brackets and spaces dropped), and the region its name begins with. Pure functions.
#pragma once

#include <string>
#include <string_view>

namespace xxgk::store {

// The canonical key: "东昌区卫健局" and "东昌区卫生健康局" get the same key, as do "大兴区政府" and
// "大兴区人民政府". Empty for an empty name.
std::string AgencyKey(std::string_view name);

// The administrative region the name starts with, up to county level: "北京市大兴区卫生健康委员会" →
// "北京市大兴区", "海原县卫生健康局" → "海原县", "国家统计局" → "". The leading part of the name as printed.
std::string RegionOf(std::string_view name);

}  // namespace xxgk::store

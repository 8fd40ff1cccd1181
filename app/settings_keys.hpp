// The store settings the kiosk itself reads and writes.
#pragma once

namespace fv {

inline constexpr const char* kSettingOfficerPinHash = "officer_pin_hash";  // fv::hash_pin's string
inline constexpr const char* kSettingActiveConsultation = "active_consultation";  // an id

}  // namespace fv

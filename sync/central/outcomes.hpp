// "You said, we did": short entries an officer writes for a consultation about what the council
// did with what people said, each in every language of the consultation (optionally in Easy Read
// and with a picture and the theme it answers), sent to the devices with their next sync (GET
// /api/v1/outcomes, ETag'd like the consultations; docs/outcomes.md) until an officer withdraws
// it. Internal to sync/central.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/model/consultation.hpp"
#include "sync/central/central_db.hpp"
#include "sync/central/service.hpp"

namespace fv::central {

// What the kiosk's attract screen can show of one entry: characters of a text or an Easy Read
// text, the PNG's bytes and its sides.
constexpr std::size_t kOutcomeMaxChars = 240;
constexpr std::size_t kOutcomeMaxPictureBytes = 512 * 1024;
constexpr unsigned kOutcomeMaxPictureSide = 1024;

// "Polish" for "pl": the languages the county's consultations use by name, others as their tag.
const std::string& language_name(const std::string& lang);

// Every problem with `entry` for consultation `c` (its newest version), each as the form field it
// is about ("text-en", "easy-pl", "picture", "theme", "day") and what to do; none when it may be
// stored.
std::vector<std::pair<std::string, std::string>> check_outcome(const Consultation& c,
                                                               const OutcomeEntry& entry);

// GET /api/v1/outcomes: every entry not withdrawn, newest first, with an ETag over the body.
Reply handle_outcomes(CentralDb& db, const std::string& if_none_match);

}  // namespace fv::central

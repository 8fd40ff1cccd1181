// Which consultation the kiosk asks: --consultation FILE (validated, then saved in the store
// and made active), --consultation ID (a stored one), else the store's active_consultation.
#pragma once

#include <optional>
#include <string>

#include "core/model/consultation.hpp"
#include "core/store/store.hpp"

namespace fv {

struct ConsultationChoice {
    std::optional<Consultation> consultation;
    std::string problem;  // why the one asked for cannot be used; "" when none was asked for
};

ConsultationChoice choose_consultation(Store& store, const std::string& file_or_id);

}  // namespace fv

// Choosing the kiosk's consultation.
#include "app/consultation_choice.hpp"

#include "app/settings_keys.hpp"

namespace fv {

ConsultationChoice choose_consultation(Store& store, const std::string& file_or_id) {
    ConsultationChoice out;
    std::error_code ec;
    const bool looks_like_file = file_or_id.find('/') != std::string::npos ||
                                 file_or_id.ends_with(".json") ||
                                 std::filesystem::is_regular_file(file_or_id, ec);
    if (!file_or_id.empty() && looks_like_file) {
        ParseResult parsed = load_consultation_file(file_or_id);
        if (!parsed.ok()) {
            out.problem = file_or_id + " cannot be used:";
            for (const Problem& p : parsed.problems) out.problem += "\n" + p.to_line();
            return out;
        }
        store.save_consultation(*parsed.consultation);
        store.set_setting(kSettingActiveConsultation, parsed.consultation->id);
        out.consultation = std::move(parsed.consultation);
        return out;
    }
    const std::string id =
        !file_or_id.empty() ? file_or_id : store.setting(kSettingActiveConsultation).value_or("");
    if (id.empty()) return out;
    out.consultation = store.latest_consultation(id);
    if (!out.consultation) {
        out.problem = "There is no consultation \"" + id + "\" in this kiosk's store.";
    } else if (!file_or_id.empty()) {
        store.set_setting(kSettingActiveConsultation, id);
    }
    return out;
}

}  // namespace fv

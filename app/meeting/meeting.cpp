// The meeting in hand: opening a session with its consultation, what a poll offers, the
// divisions file, and the small-count rule of the public views.
#include "app/meeting/meeting.hpp"

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace fv {

bool Meeting::open(Store& store, const std::string& session_id, std::string* problem) {
    const auto s = store.session(session_id);
    if (!s) {
        if (problem) *problem = "there is no meeting session " + session_id + " on this device";
        return false;
    }
    auto c = store.consultation(s->consultation_id, s->consultation_version);
    if (!c) {
        if (problem) {
            *problem = "the consultation " + s->consultation_id + " v" +
                       std::to_string(s->consultation_version) + " is not stored on this device";
        }
        return false;
    }
    session_id_ = session_id;
    consultation_ = std::move(c);
    poll_question.clear();
    poll_mode = PollMode::Hands;
    return true;
}

void Meeting::close() {
    session_id_.clear();
    consultation_.reset();
    poll_question.clear();
}

const Question* Meeting::poll() const {
    if (!consultation_ || poll_question.empty()) return nullptr;
    return consultation_->find(poll_question);
}

std::vector<const Question*> Meeting::pollable() const {
    std::vector<const Question*> out;
    if (!consultation_) return out;
    for (const Question& q : consultation_->questions) {
        // Equalities questions are for a person alone, never a show of hands.
        if (q.personal || q.category == "equalities") continue;
        switch (q.type) {
            case QuestionType::SingleChoice:
            case QuestionType::MultiChoice:
            case QuestionType::Smiley:
            case QuestionType::Scale:
                out.push_back(&q);
                break;
            default:
                break;
        }
    }
    return out;
}

std::vector<std::string> Meeting::partner_organisations(Store& store) const {
    return store.partner_organisations();
}

void count_poll_answers(const std::vector<StoredResponse>& responses,
                        const std::string& question_id, const std::vector<PollOption>& options,
                        std::map<std::string, int>& counts) {
    for (const auto& r : responses) {
        const auto it = r.response.answers.find(question_id);
        if (it == r.response.answers.end()) continue;
        for (const PollOption& o : options) {
            const bool hit = it->is_array()
                                 ? std::find(it->begin(), it->end(), o.value[0]) != it->end()
                                 : *it == o.value;
            if (hit) ++counts[o.key];
        }
    }
}

std::vector<PollOption> poll_options(const Question& q, const std::string& lang,
                                     const ui::Strings& strings) {
    std::vector<PollOption> out;
    switch (q.type) {
        case QuestionType::SingleChoice:
            for (const Option& o : q.options) out.push_back({o.id, o.id, o.label.in(lang, "en")});
            break;
        case QuestionType::MultiChoice:
            // A person in a pass-round picks one; the answer is still the question's list type.
            for (const Option& o : q.options) {
                out.push_back({nlohmann::json::array({o.id}), o.id, o.label.in(lang, "en")});
            }
            break;
        case QuestionType::Smiley:
            for (int level = 1; level <= 5; ++level) {
                out.push_back({level, std::to_string(level),
                               strings("widget.smiley." + std::to_string(level))});
            }
            break;
        case QuestionType::Scale:
            for (int v = q.scale_min; v <= q.scale_max; ++v) {
                std::string label = std::to_string(v);
                if (v == q.scale_min && !q.min_label.by_lang.empty()) {
                    label += " (" + q.min_label.in(lang, "en") + ")";
                } else if (v == q.scale_max && !q.max_label.by_lang.empty()) {
                    label += " (" + q.max_label.in(lang, "en") + ")";
                }
                out.push_back({v, std::to_string(v), label});
            }
            break;
        default:
            break;
    }
    return out;
}

std::vector<std::string> load_divisions(const std::filesystem::path& assets_dir) {
    std::filesystem::path path = assets_dir / "divisions.json";
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) path = assets_dir / "divisions.example.json";
    if (!std::filesystem::exists(path, ec)) return {};
    std::ifstream in(path, std::ios::binary);
    const auto doc = nlohmann::json::parse(in, nullptr, false);
    if (doc.is_discarded()) {
        throw std::runtime_error("cannot read the divisions file " + path.string() +
                                 ": it is not valid JSON");
    }
    const auto list = doc.is_object() ? doc.find("divisions") : doc.end();
    if (list == doc.end() || !list->is_array()) {
        throw std::runtime_error("cannot read the divisions file " + path.string() +
                                 ": it must be an object with a \"divisions\" list of names");
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const auto& name = (*list)[i];
        if (!name.is_string() || name.get<std::string>().empty()) {
            throw std::runtime_error("cannot read the divisions file " + path.string() +
                                     ": divisions[" + std::to_string(i) +
                                     "] must be a name (a non-empty string)");
        }
        out.push_back(name.get<std::string>());
    }
    return out;
}

std::string public_count(int count, const ui::Strings& strings) {
    if (count < kSmallestPublicCount) return strings("meeting.fewer_than_5");
    return std::to_string(count);
}

}  // namespace fv

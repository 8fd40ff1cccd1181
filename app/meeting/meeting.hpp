// The meeting an officer runs on this laptop: which session is open and on which consultation,
// the poll in hand, and what the meeting screens offer (divisions, partner organisations,
// the options of a poll). KioskApp owns one; the meeting screens reach it through Flow.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/ui/strings.hpp"
#include "core/model/consultation.hpp"
#include "core/store/store.hpp"

namespace fv {

// One answer a poll offers: the value as a response stores it, the text a tally row is kept
// under, and the words shown.
struct PollOption {
    nlohmann::json value;
    std::string key;  // TallyCount::option
    std::string label;
};

enum class PollMode { Hands, PassRound };

// Which chart the presenter view shows (on the laptop, or in the projector's window).
enum class PresenterChart { Poll, Ideas, Themes };

class Meeting {
  public:
    static constexpr int kDotsEach = 3;  // dots each attendee places on the ideas

    // Opens a stored session with its consultation; false (with `problem` set) when the
    // session or its consultation version is not stored.
    bool open(Store& store, const std::string& session_id, std::string* problem = nullptr);
    void close();
    bool is_open() const { return !session_id_.empty(); }
    const std::string& session_id() const { return session_id_; }
    const Consultation* consultation() const { return consultation_ ? &*consultation_ : nullptr; }

    // The poll in hand: a choice, smiley or scale question of the session's consultation.
    std::string poll_question;
    PollMode poll_mode = PollMode::Hands;
    const Question* poll() const;
    // The questions a room can be polled on.
    std::vector<const Question*> pollable() const;
    // The chart the presenter view shows; one choice for both windows.
    PresenterChart presenter_chart = PresenterChart::Poll;
    // Set by the summary's "Change the details": the start screen opens as the open
    // session's details form (and clears it).
    bool change_details = false;

    // Divisions from the council's file (assets/divisions.json, else the shipped example).
    std::vector<std::string> divisions;
    // Partner organisations this device has heard from (notes of every session), by name.
    std::vector<std::string> partner_organisations(Store& store) const;

  private:
    std::string session_id_;
    std::optional<Consultation> consultation_;
};

// The options of a pollable question, in the language given (labels of smileys and scale
// ends from the widgets' strings).
std::vector<PollOption> poll_options(const Question& q, const std::string& lang,
                                     const ui::Strings& strings);

// Adds to counts[option key] one for each response whose answer to `question_id` is, or (for a
// list) holds, that option's value: the pass-round answers of a poll.
void count_poll_answers(const std::vector<StoredResponse>& responses,
                        const std::string& question_id, const std::vector<PollOption>& options,
                        std::map<std::string, int>& counts);

// Reads a list of division names: {"divisions": ["...", ...]}. Throws std::runtime_error naming
// the file and what is wrong. `assets_dir`/divisions.json wins over divisions.example.json.
std::vector<std::string> load_divisions(const std::filesystem::path& assets_dir);

// How many people answered or raised a hand, as a public view may show it: the number from 5
// up, "fewer than 5" below, 0 included (so nobody in a small room can be picked out).
std::string public_count(int count, const ui::Strings& strings);
inline constexpr int kSmallestPublicCount = 5;

}  // namespace fv

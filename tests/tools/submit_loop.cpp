// Child of the crash test: opens a store and submits realistic responses in a loop, writing
// each id to standard output only after Store::submit has returned (so it is durable). The
// parent kills it with SIGKILL at random moments and checks every reported id is stored.
//
//   submit_loop DB_PATH [MAX_RESPONSES]
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "core/model/consultation.hpp"
#include "core/store/store.hpp"
#include "core/util/ids.hpp"
#include "core/util/seal.hpp"

namespace {

// The workshop consultation, with a personal question sealed to `public_key`.
std::string definition(const std::string& public_key) {
    return R"({
  "id": "day-services-workshop", "version": 1,
  "title": {"en": "Redesigning adult day services", "pl": "Nowe usługi dzienne"},
  "languages": ["en", "pl"],
  "privacy_notice": {"en": "Your answers are kept safe.", "pl": "Odpowiedzi są bezpieczne."},
  "questions": [
    {"id": "rating", "type": "smiley", "prompt": {"en": "How do you feel about it?"}, "required": true},
    {"id": "needs", "type": "multi_choice", "prompt": {"en": "What matters most?"},
     "options": [{"id": "transport", "label": {"en": "Transport"}},
                 {"id": "meals", "label": {"en": "Meals"}},
                 {"id": "company", "label": {"en": "Company"}}], "other": true},
    {"id": "idea", "type": "text", "prompt": {"en": "Your idea"}, "max_length": 2000},
    {"id": "email", "type": "email", "personal": true, "prompt": {"en": "Email, for a reply"}}
  ],
  "public_key": ")" +
           public_key + R"("
})";
}

// write(2) of a short line is atomic on a pipe: the parent never sees half an id.
bool report(const std::string& line) {
    const std::string out = line + "\n";
    std::size_t done = 0;
    while (done < out.size()) {
        const ssize_t n = ::write(STDOUT_FILENO, out.data() + done, out.size() - done);
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: submit_loop DB_PATH [MAX_RESPONSES]\n");
        return 2;
    }
    const long max = argc > 2 ? std::strtol(argv[2], nullptr, 10) : -1;
    try {
        auto store = fv::Store::open(argv[1]);
        // A fixed key, so every run of the child matches the definition stored by the first.
        const std::string public_key = "mQ3T0lfwYxvY0c8kR2Pp7u3hFh1m1N4u9Jc2x6b1eEo=";
        const fv::ParseResult parsed =
            fv::parse_consultation(std::string_view(definition(public_key)));
        if (!parsed.ok()) {
            std::fprintf(stderr, "submit_loop: %s\n", parsed.problems.front().to_line().c_str());
            return 1;
        }
        store->save_consultation(*parsed.consultation);  // a no-op after the first run
        for (long i = 0; max < 0 || i < max; ++i) {
            fv::Response r;
            r.id = fv::new_uuid();
            r.consultation_id = "day-services-workshop";
            r.consultation_version = 1;
            r.mode = i % 3 == 0 ? fv::CaptureMode::Meeting : fv::CaptureMode::Kiosk;
            r.language = i % 2 == 0 ? "en" : "pl";
            r.started_at = fv::now_rfc3339();
            r.submitted_at = fv::now_rfc3339();
            r.answers = {{"rating", 1 + i % 5},
                         {"needs", {"transport", "other:opiekun na miejscu"}},
                         {"idea", "Więcej zajęć w czwartki, \"proszę\", response " +
                                      std::to_string(i) + std::string(200 + i % 400, 'x')}};
            r.consent.privacy_notice = true;
            r.sealed = fv::seal_to(R"({"email":"anna@example.org"})", public_key);
            store->submit(r);  // durable on return
            if (!report(r.id)) return 1;
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "submit_loop: %s\n", e.what());
        return 1;
    }
    return 0;
}

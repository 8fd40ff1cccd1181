// Child of the meeting crash test: records into an open meeting session in a loop (notes,
// show-of-hands counts, ideas, dots), writing a line for each only after the store has
// returned (so it is durable). The parent kills it with SIGKILL at random moments and checks
// that everything reported is in the session.
//
//   meeting_loop DB_PATH SESSION_ID
//   lines: "note ID", "tally COUNT", "idea ID", "dot IDEA_ID"
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <string>

#include "core/store/store.hpp"

namespace {

// write(2) of a short line is atomic on a pipe: the parent never sees half a line.
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
    if (argc < 3) {
        std::fprintf(stderr, "usage: meeting_loop DB_PATH SESSION_ID\n");
        return 2;
    }
    try {
        auto store = fv::Store::open(argv[1]);
        const std::string session = argv[2];
        std::string idea;
        for (long i = 0;; ++i) {
            const fv::Speaker who =
                i % 3 == 0 ? fv::Speaker::partner("Witney Town Council") : fv::Speaker::resident();
            const std::string note = store->add_note(
                session,
                {"Point " + std::to_string(i) + ": the bus stops too early", {"transport"}, who});
            if (!report("note " + note)) return 1;
            const int count = store->change_tally(session, "rating", "4", +1);
            if (!report("tally " + std::to_string(count))) return 1;
            if (i % 4 == 0) {
                idea = store->add_idea(session, "Idea " + std::to_string(i));
                if (!report("idea " + idea)) return 1;
            }
            store->add_dot(session, idea, static_cast<int>(i % 7) + 1);
            if (!report("dot " + idea)) return 1;
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "meeting_loop: %s\n", e.what());
        return 1;
    }
}

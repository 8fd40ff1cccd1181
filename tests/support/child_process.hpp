// The crash tests' child: a program started with its stdout on a pipe, read as it writes
// (each line a thing it reports done), then killed. The kill moments come from a seed.
#pragma once

#include <poll.h>
#include <spawn.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace fv::test {

struct Child {
    pid_t pid = -1;
    int out = -1;  // the read end of the child's stdout
};

// Starts `argv[0]` with `argv`; its stdout goes to the pipe in Child::out.
inline Child start_child(const std::vector<std::string>& argv) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    Child child;
    const int rc = posix_spawn(&child.pid, argv.at(0).c_str(), &actions, nullptr, args.data(),
                               environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        throw std::runtime_error("cannot start " + argv.at(0) + ": " + std::strerror(rc));
    }
    child.out = fds[0];
    return child;
}

// Appends what arrives on `fd` until `deadline`. False at EOF (the child stopped by itself).
inline bool read_until(int fd, std::chrono::steady_clock::time_point deadline,
                       std::string& buffer) {
    char chunk[4096];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return true;
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;  // timeout or EINTR
        const ssize_t n = read(fd, chunk, sizeof chunk);
        if (n <= 0) return false;
        buffer.append(chunk, static_cast<std::size_t>(n));
    }
}

// Appends the rest: what a killed child wrote before it died is still in the pipe.
inline void read_to_eof(int fd, std::string& buffer) {
    char chunk[4096];
    for (;;) {
        const ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        buffer.append(chunk, static_cast<std::size_t>(n));
    }
}

// The seed of the kill moments: FIELDVOICE_CRASH_SEED replays a run, else a fixed one.
inline unsigned crash_seed() {
    if (const char* s = std::getenv("FIELDVOICE_CRASH_SEED")) return std::strtoul(s, nullptr, 10);
    return 20261123u;
}

}  // namespace fv::test

// The command line of fieldvoice-central (DESIGN.md, "Command lines"). Exit 0 on success, 2 on bad
// usage or input, 1 on any other failure, with the reason on standard error.
#include "sync/central/cli.hpp"

#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "core/model/consultation.hpp"
#include "core/util/seal.hpp"
#include "sync/central/central_db.hpp"
#include "sync/central/console_db.hpp"
#include "sync/central/server.hpp"
#include "sync/central/service.hpp"

namespace fv::central {

namespace {

constexpr int kOk = 0;
constexpr int kFailure = 1;
constexpr int kUsage = 2;

constexpr const char* kUsageText =
    R"(usage:
  fieldvoice-central --db PATH serve --listen HOST:PORT [--prefix /PATH] [--store-name NAME]
                                    [--tls-cert CERT.pem --tls-key KEY.pem] [--web-dir DIR]
  fieldvoice-central --db PATH enrol-code --name NAME [--division DIVISION]
                                         [--expires-in SECONDS (default 86400)]
  fieldvoice-central --db PATH add-user --email E --name N --role admin|officer|viewer
  fieldvoice-central --db PATH publish FILE.json
  fieldvoice-central --db PATH officer-token --name NAME
  fieldvoice-central --db PATH revoke-device DEVICE_ID
  fieldvoice-central keygen --out PRIVATE_KEY_FILE
  fieldvoice-central --db PATH export CONSULTATION_ID --format csv [--private-key FILE] --out FILE
)";

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The words after the command: positional arguments and --name value options.
struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;

    std::string need(const std::string& name) const {
        auto it = options.find(name);
        if (it == options.end() || it->second.empty()) throw UsageError("missing --" + name);
        return it->second;
    }
    std::string get(const std::string& name) const {
        auto it = options.find(name);
        return it == options.end() ? std::string() : it->second;
    }
    void only(std::initializer_list<const char*> allowed, std::size_t max_positional) const {
        for (const auto& [name, value] : options) {
            bool ok = false;
            for (const char* a : allowed) ok = ok || name == a;
            if (!ok) throw UsageError("unknown option --" + name);
        }
        if (positional.size() > max_positional) {
            throw UsageError("unexpected argument \"" + positional[max_positional] + "\"");
        }
    }
};

std::unique_ptr<CentralDb> open_db(const std::string& db) {
    if (db.empty()) throw UsageError("missing --db PATH");
    return CentralDb::open(db);
}

int serve(const std::string& db_path, const Args& args) {
    args.only({"listen", "prefix", "store-name", "tls-cert", "tls-key", "web-dir"}, 0);
    const std::string listen = args.need("listen");
    const auto colon = listen.rfind(':');
    ServerOptions options;
    try {
        if (colon == std::string::npos) throw std::invalid_argument("no port");
        options.host = listen.substr(0, colon);
        std::size_t used = 0;
        options.port = std::stoi(listen.substr(colon + 1), &used);
        if (used != listen.size() - colon - 1 || options.port < 0 || options.port > 65535) {
            throw std::invalid_argument("port");
        }
    } catch (const std::exception&) {
        throw UsageError("--listen must be HOST:PORT, e.g. 127.0.0.1:8080, not \"" + listen + "\"");
    }
    if (options.host.size() > 2 && options.host.front() == '[') {
        options.host = options.host.substr(1, options.host.size() - 2);  // [::1]
    }
    options.prefix = args.get("prefix");
    while (options.prefix.size() > 1 && options.prefix.back() == '/') options.prefix.pop_back();
    if (options.prefix == "/") options.prefix.clear();
    if (!valid_prefix(options.prefix)) {
        throw UsageError("--prefix must look like /fieldvoice (letters, digits, - _ .)");
    }
    if (args.options.count("store-name")) options.store_name = args.need("store-name");
    if (args.options.count("web-dir")) options.web_dir = args.need("web-dir");
    if (args.options.count("tls-cert") != args.options.count("tls-key")) {
        throw UsageError("--tls-cert and --tls-key go together (the certificate and its key)");
    }
    if (args.options.count("tls-cert")) {
        options.tls_cert = args.need("tls-cert");
        options.tls_key = args.need("tls-key");
    }

    // SIGTERM and SIGINT are taken by one thread with sigwait, blocked everywhere else (the
    // server's threads inherit the mask), so stopping never runs inside a signal handler.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    auto db = open_db(db_path);
    CentralServer server(*db, options);
    const int port = server.bind();
    std::thread waiter([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        std::fprintf(stderr, "fieldvoice-central: signal %d, finishing requests in hand\n", sig);
        server.stop();
    });
    std::printf("fieldvoice-central listening on %s://%s:%d%s/api/v1/\n",
                options.tls_cert.empty() ? "http" : "https", options.host.c_str(), port,
                options.prefix.c_str());
    std::fflush(stdout);
    server.run();
    // If the server stopped by itself, wake the waiter so that it can be joined.
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    db.reset();  // closes the database (WAL checkpoint) before the exit status is given
    std::fprintf(stderr, "fieldvoice-central: stopped cleanly\n");
    return kOk;
}

int publish(const std::string& db_path, const Args& args) {
    args.only({}, 1);
    if (args.positional.empty()) throw UsageError("missing FILE.json");
    const std::string& file = args.positional[0];
    auto parsed = load_consultation_file(file);
    if (!parsed.ok()) {
        std::cerr << file << ": " << parsed.problems.size() << " problem"
                  << (parsed.problems.size() == 1 ? "" : "s") << ", nothing published:\n";
        for (const auto& p : parsed.problems) std::cerr << "  " << p.to_line() << "\n";
        return kUsage;
    }
    const Consultation& c = *parsed.consultation;
    auto db = open_db(db_path);
    switch (db->publish(c)) {
        case PublishOutcome::Stored:
            std::cout << "published " << c.id << " version " << c.version << "\n";
            return kOk;
        case PublishOutcome::AlreadyPublished:
            std::cout << "already published, unchanged: " << c.id << " version " << c.version
                      << "\n";
            return kOk;
        case PublishOutcome::ConflictingVersion:
            std::cerr << file << ": " << c.id << " version " << c.version
                      << " is already published with different content; devices may hold it, "
                         "so give the changed definition a higher version.\n";
            return kUsage;
    }
    return kFailure;
}

int keygen(const Args& args) {
    args.only({"out"}, 0);
    const std::string out = args.need("out");
    struct stat st {};
    if (::stat(out.c_str(), &st) == 0) {
        throw UsageError(out +
                         " already exists; a private key is never overwritten (move it "
                         "away first if you really mean to replace it)");
    }
    const KeyPair keys = generate_keypair();
    {
        const mode_t old_mask = ::umask(077);  // the private key file is readable by its owner only
        std::ofstream file(out, std::ios::binary);
        ::umask(old_mask);
        file << keys.private_key_b64 << "\n";
        file.close();
        if (!file) throw std::runtime_error("cannot write " + out);
    }
    std::cerr << "private key written to " << out
              << "; keep it off the store and off devices. Public key for the definition's "
                 "\"public_key\":\n";
    std::cout << keys.public_key_b64 << "\n";
    return kOk;
}

std::string read_private_key(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw UsageError("cannot read the private key file " + path);
    std::string key;
    std::getline(file, key);
    while (!key.empty() && (key.back() == '\r' || key.back() == ' ')) key.pop_back();
    auto raw = base64_decode(key);
    if (!raw || raw->size() != 32) {
        throw UsageError(path + " does not hold a private key made by `fieldvoice-central keygen`");
    }
    return key;
}

int export_command(const std::string& db_path, const Args& args) {
    args.only({"format", "private-key", "out"}, 1);
    if (args.positional.empty()) throw UsageError("missing CONSULTATION_ID");
    if (args.need("format") != "csv") throw UsageError("--format must be csv");
    const std::string out = args.need("out");
    std::optional<std::string> key;
    if (args.options.count("private-key")) key = read_private_key(args.need("private-key"));
    auto db = open_db(db_path);
    if (db->versions(args.positional[0]).empty()) {
        throw UsageError("no consultation \"" + args.positional[0] +
                         "\" is published on this store");
    }
    const std::string csv = export_csv(*db, args.positional[0], key);
    std::ofstream file(out, std::ios::binary);
    file << csv;
    file.close();
    if (!file) throw std::runtime_error("cannot write " + out);
    std::cout << "exported " << args.positional[0] << " to " << out << "\n";
    return kOk;
}

// A console user with a one-time password on the last line; the first sign-in changes it.
int add_user(const std::string& db_path, const Args& args) {
    args.only({"email", "name", "role"}, 0);
    const std::string email = args.need("email"), name = args.need("name");
    const auto role = user_role_from_string(args.need("role"));
    if (!role) throw UsageError("--role must be admin, officer or viewer");
    auto db = open_db(db_path);
    auto console = ConsoleDb::open(db->path());
    std::string password;
    try {
        password = console->add_user(email, name, *role);
    } catch (const ConsoleInputError& e) {
        throw UsageError(e.what());
    }
    console->audit("command line", "add user", email + " as " + std::string(to_string(*role)),
                   "");
    std::cerr << "added " << email << " (" << to_string(*role)
              << "). One-time password, to be changed at the first sign-in:\n";
    std::cout << password << "\n";
    return kOk;
}

int dispatch(const std::string& db_path, const std::string& command, const Args& args) {
    if (command == "serve") return serve(db_path, args);
    if (command == "publish") return publish(db_path, args);
    if (command == "keygen") return keygen(args);
    if (command == "export") return export_command(db_path, args);
    if (command == "enrol-code") {
        args.only({"name", "expires-in", "division"}, 0);
        const std::string name = args.need("name");
        const std::string division = args.get("division");
        // PROTOCOL.md: a code lasts 24 hours; an officer may make it shorter (seconds).
        long seconds = 24 * 3600;
        if (args.options.count("expires-in")) {
            const std::string text = args.need("expires-in");
            std::size_t used = 0;
            try {
                seconds = std::stol(text, &used);
            } catch (const std::exception&) {
                used = 0;
            }
            if (used != text.size() || seconds < 1 || seconds > 24 * 3600) {
                throw UsageError("--expires-in must be a number of seconds from 1 to 86400");
            }
        }
        auto code = open_db(db_path)->make_enrol_code(name, std::chrono::system_clock::now(),
                                                      std::chrono::seconds(seconds), division);
        std::cerr << "one-time enrolment code for \"" << name << "\", valid for " << seconds
                  << " seconds:\n";
        std::cout << code << "\n";
        return kOk;
    }
    if (command == "add-user") return add_user(db_path, args);
    if (command == "officer-token") {
        args.only({"name"}, 0);
        auto token = open_db(db_path)->make_officer_token(args.need("name"));
        std::cerr << "officer token (shown once; the store keeps only its hash):\n";
        std::cout << token << "\n";
        return kOk;
    }
    if (command == "revoke-device") {
        args.only({}, 1);
        if (args.positional.empty()) throw UsageError("missing DEVICE_ID");
        if (!open_db(db_path)->revoke_device(args.positional[0])) {
            throw UsageError("no device " + args.positional[0] + " is enrolled on this store");
        }
        std::cout << "revoked " << args.positional[0] << "\n";
        return kOk;
    }
    throw UsageError("unknown command \"" + command + "\"");
}

}  // namespace

int run_cli(int argc, char** argv) {
    try {
        std::string db_path, command;
        Args args;
        for (int i = 1; i < argc; ++i) {
            std::string word = argv[i];
            if (word == "--help" || word == "-h") {
                std::cout << kUsageText;
                return kOk;
            }
            if (word.rfind("--", 0) == 0) {
                std::string name = word.substr(2), value;
                if (auto eq = name.find('='); eq != std::string::npos) {
                    value = name.substr(eq + 1);
                    name = name.substr(0, eq);
                } else {
                    if (i + 1 >= argc) throw UsageError("--" + name + " needs a value");
                    value = argv[++i];
                }
                if (name == "db") {
                    db_path = value;
                } else {
                    args.options[name] = value;
                }
            } else if (command.empty()) {
                command = word;
            } else {
                args.positional.push_back(word);
            }
        }
        if (command.empty()) throw UsageError("missing command");
        if (db_path.rfind("postgresql://", 0) == 0 || db_path.rfind("postgres://", 0) == 0) {
            std::cerr << "fieldvoice-central: PostgreSQL support is not built yet; give --db a "
                         "SQLite file path for now.\n";
            return kUsage;
        }
        return dispatch(db_path, command, args);
    } catch (const UsageError& e) {
        std::cerr << "fieldvoice-central: " << e.what() << "\n\n" << kUsageText;
        return kUsage;
    } catch (const std::exception& e) {
        std::cerr << "fieldvoice-central: " << e.what() << "\n";
        return kFailure;
    }
}

}  // namespace fv::central

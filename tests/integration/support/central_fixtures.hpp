// Test support for the central store's tests: small consultation definitions written to files,
// wire-form responses, enrolment over HTTP, and cpp-httplib clients with a bearer token.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "central_process.hpp"

namespace fv::test {

inline constexpr const char* kTestConsultation = "central-test";

// "central-test" at `version`: rating (smiley, required), used (multi_choice books/wifi/cafe, max
// 2), email (personal). Version 2 adds "visits" (single_choice weekly/monthly/rarely).
nlohmann::json test_definition(int version, const std::string& public_key);
// Writes the definition into the central's directory and publishes it with the command line.
void publish_test_definition(const CentralProcess& central, int version,
                             const std::string& public_key);

// A response of PROTOCOL.md's wire form with a fresh id and valid times.
nlohmann::json make_response(int version, nlohmann::json answers,
                             const std::string& consultation_id = kTestConsultation);

struct Device {
    std::string device_id;
    std::string token;
};
// Makes a code with the command line and enrols over HTTP; fails the test on any error.
Device enrol_device(const CentralProcess& central, const std::string& name);

// A client on the central's port; paths given to it need central.url-style "/api/v1/..." with
// the prefix, see api_path.
httplib::Client client_for(const CentralProcess& central);
std::string api_path(const CentralProcess& central,
                     const std::string& path);  // prefix + /api/v1 + path
httplib::Headers bearer(const std::string& token);

// POSTs a JSON body with a token; returns the result (check it is non-null).
httplib::Result post_json(const CentralProcess& central, const std::string& path,
                          const std::string& token, const std::string& body,
                          httplib::Headers extra = {});
nlohmann::json batch(const Device& device, const nlohmann::json& responses);

// The error code in a PROTOCOL.md error body, or "" when the body is not one.
std::string error_code(const std::string& body);

}  // namespace fv::test

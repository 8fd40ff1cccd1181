// GET /api/v1/erasures (docs/receipt.md): the responses an officer erased on the store that came
// from the calling device, so that the device deletes its copy at its next sync. The tombstones
// are written by the console (console_erase_db.cpp); ingest refuses a resend of one
// (CentralDb::write_group).
#include <nlohmann/json.hpp>

#include "core/store/sqlite.hpp"
#include "sync/central/service.hpp"

namespace fv::central {

std::vector<CentralDb::Erased> CentralDb::erasures_of(const std::string& device_id) {
    std::lock_guard lock(mutex_);
    sql::Statement query(db_,
                         "SELECT response_id, erased_at FROM erasures WHERE device_id = ? "
                         "ORDER BY seq",
                         "read the device's erasures");
    query.bind(1, device_id);
    std::vector<Erased> out;
    while (query.step()) out.push_back({query.text(0), query.text(1)});
    return out;
}

Reply handle_erasures(CentralDb& db, const Caller& caller, const std::string& if_none_match) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : db.erasures_of(caller.device_id)) {
        list.push_back({{"id", e.response_id}, {"erased_at", e.erased_at}});
    }
    return etagged(nlohmann::json{{"erasures", std::move(list)}}.dump(), if_none_match);
}

}  // namespace fv::central

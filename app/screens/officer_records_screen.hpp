// Behind the PIN, reached from the officer screen: this kiosk's own results (counts and bars
// per question of the active consultation, from the responses stored here, with no network)
// and its audit log, a page at a time.
#pragma once

#include "app/screens/screen.hpp"

namespace fv::screens {

class OfficerRecordsScreen final : public Screen {
  public:
    // Entries a page of the audit log: a whole page shows at 100% at 1366x768 and 1280x800.
    static constexpr int kAuditPage = 7;
    void on_enter(Flow& flow) override;
    void draw(Flow& flow) override;

  private:
    void draw_results(Flow& flow);
    void draw_audit(Flow& flow);

    bool audit_ = false;  // which tab: results, or the audit log
    int audit_page_ = 0;  // 0: the newest entries
};

}  // namespace fv::screens

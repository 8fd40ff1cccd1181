// The officer's screen behind the PIN: enrolment with a store, the active consultation, the
// queue by state, "Sync now" with progress and Cancel, the quarantine list, back to the kiosk
// or quit, and saving this device's responses on a USB stick. Slow work (enrolment, a sync pass) runs off the frame; the screen reads its result.
#pragma once

#include <array>
#include <future>
#include <string>
#include <vector>

#include "app/cli/export_file.hpp"
#include "app/screens/screen.hpp"
#include "platform/removable.hpp"
#include "sync/client/sync_engine.hpp"

namespace fv::screens {

class OfficerScreen final : public Screen {
  public:
    ~OfficerScreen() override;
    void on_enter(Flow& flow) override;
    void draw(Flow& flow) override;

  private:
    // Picks up an enrolment or a sync pass that finished since the last frame.
    void collect(Flow& flow);
    void draw_sync(Flow& flow, SyncEngine* engine, const SyncStatus& status, bool enrolled);
    void draw_enrol(Flow& flow, SyncEngine* engine, bool enrolled);
    void draw_consultations(Flow& flow);
    void draw_quarantine(Flow& flow);
    // Export to a USB stick: the drives found, a button per export, and what was saved.
    void draw_usb(Flow& flow);
    void save_to(Flow& flow, const platform::Drive& drive, const ExportChoice& choice);
    void start_enrol(Flow& flow, SyncEngine& engine);
    bool enrolling() const;
    bool syncing() const;

    // Typed by the officer; the code is wiped once used.
    std::array<char, 512> url_{};
    std::array<char, 64> code_{};
    std::array<char, 128> name_{};
    std::future<EnrolResult> enrol_;
    std::future<SyncReport> sync_;
    std::string enrol_message_;
    bool enrol_ok_ = false;
    bool show_form_ = false;  // the enrolment form, open on an enrolled device on request
    std::string sync_message_;
    bool sync_ok_ = false;
    std::vector<platform::Drive> drives_;  // looked for on entering and on "Look again"
    std::string usb_message_;
    bool usb_ok_ = false;
    bool reveal_usb_message_ = false;  // scroll the new message into view
};

}  // namespace fv::screens

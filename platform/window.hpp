// The one seam between the app and SDL's window and renderer: a real window for kiosks and
// laptops, or a headless one (SDL's dummy video driver and a software renderer drawing into a
// surface) so tests render real pixels without a display. A window can open a second one on
// another display (a projector), each with its own renderer.
#pragma once

#include <filesystem>
#include <memory>
#include <cstdint>
#include <string>

struct SDL_Window;
struct SDL_Renderer;

namespace fv::platform {

struct WindowOptions {
    std::string title = "Fieldvoice";
    int width = 1280, height = 800;
    bool fullscreen = false;  // kiosk mode: borderless full screen on the current display
};

// A rectangle on the desktop, in screen coordinates.
struct ScreenRect {
    int x = 0, y = 0, w = 0, h = 0;
};

// Where the app's window goes on a display: full screen is the display's own bounds, at its
// origin, whether or not a window manager is there to honour a full-screen request (a kiosk
// started with xinit has none); windowed is the asked size, shrunk to the usable bounds (less
// panels and docks) and centred in them.
ScreenRect fit_window(const WindowOptions& options, const ScreenRect& display,
                      const ScreenRect& usable);

class Window {
  public:
    virtual ~Window() = default;
    virtual SDL_Window* sdl_window() const = 0;
    virtual SDL_Renderer* renderer() const = 0;
    // Size of what is drawn, in pixels.
    virtual void size(int& width, int& height) const = 0;
    virtual void present() = 0;
    virtual bool headless() const = 0;
    // "accelerated" or "software": which renderer this window ended up with.
    virtual std::string renderer_kind() const = 0;
    // SDL's id of the window: events name the window they are for.
    std::uint32_t id() const;

    // How many displays are attached now (SDL_GetNumVideoDisplays; a headless window reports
    // what its test says).
    virtual int display_count() const = 0;
    // Opens a borderless window filling a display other than this one's, with a renderer of
    // its own; nullptr with `error` set when there is no other display or it cannot be made.
    // This window must outlive it.
    virtual std::unique_ptr<Window> open_on_other_display(std::string& error) = 0;
};

// What a headless window pretends is attached: tests change `count` to plug in a projector or
// pull it out (then push an SDL_DISPLAYEVENT, as SDL would).
struct HeadlessDisplays {
    int count = 1;
    int width = 1280, height = 720;  // the size of a window opened on another display
};

// A real window: an accelerated SDL_Renderer, falling back to software when there is none.
// Initialises SDL's video subsystem. Throws std::runtime_error with SDL's reason.
std::unique_ptr<Window> open_window(const WindowOptions& options);

// A window nobody sees: SDL_VIDEODRIVER=dummy (unless already set) and a software renderer on
// an SDL_Surface of the given size. `displays` (kept by the caller, outliving the window) says
// how many displays there are; none means one.
std::unique_ptr<Window> open_headless_window(int width, int height,
                                             const HeadlessDisplays* displays = nullptr);

// Writes what the renderer last drew to a PNG. Returns "" on success, else the reason.
std::string save_screenshot(SDL_Renderer* renderer, const std::filesystem::path& png_path);

}  // namespace fv::platform

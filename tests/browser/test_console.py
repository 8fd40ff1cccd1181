"""The store's web console in a real browser: Debian's Chromium driven by Selenium.

Each test starts the real fieldvoice-central on loopback with its own database, fills it the way
a council does (two kiosks enrolled with `fieldvoice enrol`, responses stored on each by the
kiosk's store code, sent by the real `fieldvoice sync`), and then uses the pages as an officer, a
councillor or an admin would. On every page it runs axe-core (WCAG 2.2 AA) and keeps a
screenshot in browser-screens/ of the working directory.

Run by CTest (tests/CMakeLists.txt), which sets FIELDVOICE_CENTRAL_BIN, FIELDVOICE_BIN,
FILL_DEVICE_BIN and FIELDVOICE_SOURCE_DIR.
"""

import csv
import io
import zipfile
from xml.etree import ElementTree
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request
from pathlib import Path

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError as e:  # the test fails, it does not skip: the setup installs Selenium
    raise SystemExit(
        "python3-selenium is missing (%s): run platform/setup/install-deps.sh --test" % e)

SOURCE = Path(os.environ.get("FIELDVOICE_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CENTRAL = os.environ.get("FIELDVOICE_CENTRAL_BIN", "fieldvoice-central")
KIOSK = os.environ.get("FIELDVOICE_BIN", "fieldvoice")
FILL = os.environ.get("FILL_DEVICE_BIN", "fill_device")
LIBRARIES = SOURCE / "assets" / "consultations" / "libraries-2027.json"
AXE = SOURCE / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
SCREENS = Path.cwd() / "browser-screens"
PASSWORD = "correct horse battery staple"
# What UK public-sector websites are held to: WCAG 2.2 AA (and everything under it).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def run(args, check=True, **kw):
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=120,
                          **kw)
    if check and done.returncode != 0:
        raise AssertionError("%s exited %d:\n%s%s" % (" ".join(map(str, args)), done.returncode,
                                                       done.stdout, done.stderr))
    return done


class Store:
    """A real fieldvoice-central on 127.0.0.1 with its own database in a temporary folder."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.db = folder / "store.db"
        self.process = None
        self.url = None

    def cli(self, *args, check=True):
        return run([CENTRAL, "--db", self.db, *args], check=check)

    def start(self):
        with open(self.folder / "serve.out", "w") as out, \
                open(self.folder / "serve.log", "w") as log:
            self.process = subprocess.Popen(
                [CENTRAL, "--db", str(self.db), "serve", "--listen", "127.0.0.1:0"], stdout=out,
                stderr=log)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError("fieldvoice-central exited: " +
                                     (self.folder / "serve.log").read_text())
            m = re.search(r"listening on (http://127\.0\.0\.1:\d+)/", (self.folder / "serve.out").read_text())
            if m:
                self.url = m.group(1)
                try:
                    with urllib.request.urlopen(self.url + "/api/v1/health", timeout=5) as r:
                        if r.status == 200:
                            return
                except OSError:
                    pass
            time.sleep(0.05)  # polling for the port, not waiting for luck: the deadline fails
        raise AssertionError("fieldvoice-central did not start in 30 s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)

    def add_user(self, email, role):
        """add-user; returns the one-time password, the last line it prints."""
        done = self.cli("add-user", "--email", email, "--name", email.split("@")[0].title(),
                        "--role", role)
        return done.stdout.strip().splitlines()[-1]


class Kiosk:
    """A device's data folder, enrolled with the real `fieldvoice enrol`."""

    def __init__(self, store: Store, name: str, division: str):
        self.store = store
        self.dir = store.folder / re.sub(r"\W+", "-", name.lower())
        code = store.cli("enrol-code", "--name", name, "--division", division).stdout.split()[-1]
        run([KIOSK, "enrol", "--url", store.url, "--code", code, "--name", name, "--data-dir",
             self.dir])

    def answer(self, count, seed, mode="kiosk", text=None, reference=None):
        """`count` responses; with `text`, every free-text answer is that; with `reference`, the
        first carries that receipt's reference."""
        args = [FILL, self.dir, LIBRARIES, count, seed, "--mode", mode]
        if text:
            args += ["--text", text]
        if reference:
            args += ["--reference", reference]
        run(args)

    def sync(self, check=True):
        return run([KIOSK, "sync", "--data-dir", self.dir, "--attempts", "1"], check=check)

    def meeting(self, title, *notes):
        """Records an ended meeting session with `notes` (text, or (organisation, text) for a
        partner), as the kiosk's meeting screen does."""
        args = [FILL, self.dir, LIBRARIES, 0, "--meeting", title]
        for note in notes:
            args += ["--partner-note", "%s=%s" % note] if isinstance(note, tuple) else ["--note", note]
        run(args)


class ConsoleTest(unittest.TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="fv-browser-"))
        self.store = Store(self.folder)
        self.store.cli("publish", LIBRARIES)
        self.store.start()
        self.witney = Kiosk(self.store, "Witney library", "Witney")
        self.witney.answer(40, 1)
        self.witney.answer(12, 2, mode="assisted")
        self.witney.sync()
        self.banbury = Kiosk(self.store, "Banbury library", "Banbury")
        self.banbury.answer(23, 3)
        self.banbury.sync()
        self.drivers = []
        self.axe_source = AXE.read_text()
        SCREENS.mkdir(exist_ok=True)

    def tearDown(self):
        for d in self.drivers:
            d.quit()
        self.store.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- the browser ---------------------------------------------------------------------

    def browser(self):
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                    "--window-size=1280,1000", "--disable-gpu", "--lang=en-GB"]:
            options.add_argument(arg)
        options.add_experimental_option("prefs", {
            "download.default_directory": str(self.folder / "downloads"),
            "download.prompt_for_download": False})
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        driver.implicitly_wait(0)
        self.drivers.append(driver)
        return driver

    def navigate_by(self, driver, action):
        """Does `action` (a click, an Enter) and waits until the browser has loaded the page it
        leads to: the old document (marked here) gone, the new one complete. A busy machine
        only makes the wait longer; it fails after 60 s."""
        driver.execute_script("window.__fvOldPage = true;")
        action()

        def loaded(d):
            try:
                return d.execute_script(
                    "return !window.__fvOldPage && document.readyState === 'complete';")
            except WebDriverException:  # the page is between documents
                return False

        WebDriverWait(driver, 60).until(loaded)

    def click(self, driver, by, what):
        """Clicks a link or a submit button and waits for the page it leads to."""
        self.navigate_by(driver, driver.find_element(by, what).click)

    def page(self, driver, path):
        driver.get(self.store.url + path)
        return driver

    def text(self, driver):
        return driver.find_element(By.TAG_NAME, "body").text

    def check_page(self, driver, name):
        """What every page must pass: a screenshot kept, and axe-core finds nothing."""
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(1280, max(800, min(int(height) + 40, 6000)))
        driver.save_screenshot(str(SCREENS / (name + ".png")))
        driver.set_window_size(1280, 1000)
        driver.execute_script(self.axe_source)
        result = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
            "  .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,"
            "    help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ': ' +"
            "    n.failureSummary)}))))"
            "  .catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));",
            AXE_TAGS)
        self.assertEqual(result, [], "%s (%s) has accessibility violations:\n%s" % (
            name, driver.current_url, json.dumps(result, indent=1)))

    def keyboard_reaches_everything(self, driver, name):
        """Tab from the top of the page: every link, button and field is reached, and each shows
        where the focus is."""
        focusable = driver.execute_script(
            "const all = [...document.querySelectorAll('a[href], button, input:not([type=hidden]),"
            " select, textarea, [tabindex]:not([tabindex=\"-1\"])')]"
            "  .filter(e => !e.disabled && e.getClientRects().length > 0)"
            # A radio group is one Tab stop (the arrow keys move inside it): its checked radio,
            # or its first when none is checked.
            "  .filter(e => e.type !== 'radio' || e === (document.querySelector("
            "     `input[type=radio][name=\"${e.name}\"]:checked`) ||"
            "     document.querySelector(`input[type=radio][name=\"${e.name}\"]`)));"
            "all.forEach((e, i) => e.setAttribute('data-fv-tab', i));"
            "return all.length;")
        driver.execute_script("document.activeElement && document.activeElement.blur();"
                              "window.scrollTo(0, 0);")
        reached, unmarked = set(), []
        for _ in range(focusable * 2 + 5):
            self.press(driver, Keys.TAB)
            info = driver.execute_script(
                "const e = document.activeElement; const s = getComputedStyle(e);"
                "return [e.getAttribute('data-fv-tab'), s.outlineStyle, s.outlineColor,"
                " s.boxShadow, s.backgroundColor, e.outerHTML.slice(0, 120)];")
            index, outline, outline_colour, shadow, background, html = info
            if index is None:
                continue
            if index in reached:
                break
            reached.add(index)
            # Stop on the last control: a Tab past it leaves the page for the browser's own
            # controls, after which headless Chromium ignores the next click.
            last = len(reached) == focusable
            visible = (outline != "none" and outline_colour not in ("transparent", "rgba(0, 0, 0, 0)")) \
                or shadow != "none"
            if not visible:
                unmarked.append(html)
            if last:
                break
        driver.execute_script("document.activeElement && document.activeElement.blur();")
        self.assertEqual(len(reached), focusable,
                         "%s: the Tab key reached %d of %d controls" % (name, len(reached), focusable))
        self.assertEqual(unmarked, [], "%s: focus is not shown on these" % name)

    # --- people ------------------------------------------------------------------------

    def press(self, driver, keys):
        """Keys as a person presses them: to whatever has the focus."""
        ActionChains(driver).send_keys(keys).perform()

    def type_into_focused(self, driver, text):
        self.press(driver, text)

    def tab_to(self, driver, element_id, limit=40):
        """Presses Tab until the element with `element_id` has the focus (keyboard only)."""
        for _ in range(limit):
            if driver.switch_to.active_element.get_attribute("id") == element_id:
                return
            self.press(driver, Keys.TAB)
        self.fail("Tab never reached #" + element_id + " on " + driver.current_url)

    def sign_in(self, driver, email, password):
        self.page(driver, "/sign-in")
        driver.find_element(By.ID, "email").send_keys(email)
        driver.find_element(By.ID, "password").send_keys(password)
        self.click(driver, By.CSS_SELECTOR, "form button[type=submit]")

    def first_sign_in(self, driver, role, email=None, check=False):
        """A new user of `role` signs in with the one-time password and chooses their own."""
        email = email or role + "@example.org"
        once = self.store.add_user(email, role)
        self.sign_in(driver, email, once)
        self.assertIn("/change-password", driver.current_url)
        if check:
            self.check_page(driver, "change-password")
        driver.find_element(By.ID, "current").send_keys(once)
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.ID, "confirm").send_keys(PASSWORD)
        self.click(driver, By.CSS_SELECTOR, "main form button[type=submit]")
        self.assertNotIn("/change-password", driver.current_url, self.text(driver))
        return email

    def query(self, sql):
        """One value from the store's database, as an auditor would look."""
        with sqlite3.connect(self.store.db, timeout=10) as db:
            return db.execute(sql).fetchone()[0]

    def results_counts(self, driver):
        return {e.get_attribute("data-count"): int(e.text.replace(",", ""))
                for e in driver.find_elements(By.CSS_SELECTOR, "[data-count]")}

    def fetch(self, driver, url, binary=False):
        """GET `url` with the browser's cookies (as the browser's own download would)."""
        cookies = "; ".join("%s=%s" % (c["name"], c["value"]) for c in driver.get_cookies())
        request = urllib.request.Request(url, headers={"Cookie": cookies, "Accept": "*/*"})
        with urllib.request.urlopen(request, timeout=30) as r:
            body = r.read()
            return body if binary else body.decode("utf-8-sig")

    def xlsx_sheets(self, data):
        """The sheets of an XLSX file by name, each a list of rows of cell texts (numbers as
        the CSV writes them), read with nothing but the zip and XML modules."""
        ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
              "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
        book = zipfile.ZipFile(io.BytesIO(data))
        rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
        targets = {rel.get("Id"): rel.get("Target") for rel in rels}
        shared = []
        if "xl/sharedStrings.xml" in book.namelist():
            for si in ElementTree.fromstring(book.read("xl/sharedStrings.xml")):
                shared.append("".join(t.text or "" for t in si.iter("{%s}t" % ns["m"])))
        sheets = {}
        for sheet in ElementTree.fromstring(book.read("xl/workbook.xml")).iter("{%s}sheet" % ns["m"]):
            target = targets[sheet.get("{%s}id" % ns["r"])]
            rows = []
            for row in ElementTree.fromstring(book.read("xl/" + target)).iter("{%s}row" % ns["m"]):
                cells = {}
                for c in row:
                    letters = re.match(r"[A-Z]+", c.get("r")).group(0)
                    column = 0
                    for ch in letters:
                        column = column * 26 + ord(ch) - 64
                    kind = c.get("t")
                    if kind == "inlineStr":
                        text = "".join(t.text or "" for t in c.iter("{%s}t" % ns["m"]))
                    elif kind == "s":
                        text = shared[int(c.find("m:v", ns).text)]
                    else:
                        number = float(c.find("m:v", ns).text)
                        text = str(int(number)) if number.is_integer() else repr(number)
                    cells[column - 1] = text
                width = max(cells) + 1 if cells else 0
                while len(rows) < int(row.get("r")) - 1:
                    rows.append([])  # a row with no cell is not in the file
                rows.append([cells.get(i, "") for i in range(width)])
            sheets[sheet.get("name")] = rows
        return sheets

    def csv_counts(self, text):
        """Counts per question:answer from the CSV, as an officer adding up its columns would:
        choice, smiley and scale columns by value, each multi-choice option column by its 1s."""
        definition = json.loads(LIBRARIES.read_text())
        kinds = {q["id"]: q["type"] for q in definition["questions"]}
        rows = list(csv.DictReader(io.StringIO(text)))
        counts = {}
        for row in rows:
            for column, cell in row.items():
                question = column.split(":")[0]
                kind = kinds.get(question)
                if kind in ("single_choice", "smiley", "scale") and cell and not cell.startswith("other:"):
                    key = column + ":" + cell
                elif kind == "multi_choice" and ":" in column and cell == "1":
                    key = column
                else:
                    continue
                counts[key] = counts.get(key, 0) + 1
        return len(rows), counts

    # --- the tests ------------------------------------------------------------------------

    def test_an_officer_signs_in_publishes_reads_results_equal_to_the_csv_and_signs_out(self):
        driver = self.browser()
        self.page(driver, "/")
        self.assertIn("/sign-in", driver.current_url)
        self.check_page(driver, "sign-in")
        self.keyboard_reaches_everything(driver, "sign-in")
        self.first_sign_in(driver, "officer", check=True)

        # The consultations list, with its counts.
        self.assertIn("/consultations", driver.current_url)
        self.check_page(driver, "consultations")
        self.keyboard_reaches_everything(driver, "consultations")
        self.assertIn("75", self.text(driver))  # 40 + 12 + 23 responses

        # A bad definition is refused with every problem as `fieldvoice validate` prints it.
        bad = json.loads(LIBRARIES.read_text())
        bad["version"] = 2
        bad["questions"][1]["type"] = "slider"
        bad["questions"][2]["options"] = []
        bad_file = self.folder / "libraries-bad.json"
        bad_file.write_text(json.dumps(bad))
        validate = run([KIOSK, "validate", bad_file], check=False)
        self.assertNotEqual(validate.returncode, 0)
        # Every line but its last, the summary naming the file.
        expected = [line for line in (validate.stdout + validate.stderr).splitlines()
                    if line and not line.startswith(str(bad_file))]
        self.assertTrue(expected, validate.stdout + validate.stderr)
        driver.find_element(By.ID, "definition").send_keys(str(bad_file))
        self.click(driver, By.CSS_SELECTOR, "form[enctype] button[type=submit]")
        shown = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#problems li")]
        self.assertEqual(shown, expected)
        self.check_page(driver, "consultations-refused")
        self.assertNotIn("Version 2", self.text(driver))

        # A good one is published.
        good = json.loads(LIBRARIES.read_text())
        good["version"] = 2
        good_file = self.folder / "libraries-2.json"
        good_file.write_text(json.dumps(good))
        driver.find_element(By.ID, "definition").send_keys(str(good_file))
        self.click(driver, By.CSS_SELECTOR, "form[enctype] button[type=submit]")
        self.assertIn("libraries-2027", driver.find_element(By.ID, "published").text)
        self.check_page(driver, "consultations-published")

        # Results equal the CSV, unfiltered and filtered.
        self.click(driver, By.PARTIAL_LINK_TEXT, "See the results")
        self.check_page(driver, "results")
        self.keyboard_reaches_everything(driver, "results")
        for label in [None, "Witney", "Banbury"]:
            if label:
                Select(driver.find_element(By.ID, "division")).select_by_visible_text(label)
                self.click(driver, By.CSS_SELECTOR, "form.fv-filters button")
                self.assertIn("division=" + label, driver.current_url)
            shown = self.results_counts(driver)
            responses, counted = self.csv_counts(
                self.fetch(driver, driver.find_element(By.ID, "csv-link").get_attribute("href")))
            self.assertEqual(responses, {None: 75, "Witney": 52, "Banbury": 23}[label])
            self.assertIn("%d responses" % responses, self.text(driver))
            compared = 0
            for key, count in shown.items():
                question = key.split(":")[0]
                kind = {q["id"]: q["type"] for q in json.loads(LIBRARIES.read_text())["questions"]}.get(question)
                if kind in ("single_choice", "smiley", "scale", "multi_choice") and not key.endswith(":other"):
                    self.assertEqual(count, counted.get(key, 0), "%s (%s)" % (key, label))
                    compared += 1
            self.assertGreater(compared, 20)
        self.check_page(driver, "results-filtered")

        # The spreadsheet of the same filter: its responses sheet is the CSV cell for cell (the
        # trailing empty cells of a row aside), and its results sheet has the page's counts.
        csv_text = self.fetch(driver, driver.find_element(By.ID, "csv-link").get_attribute("href"))
        sheets = self.xlsx_sheets(self.fetch(
            driver, driver.find_element(By.ID, "xlsx-link").get_attribute("href"), binary=True))
        names = list(sheets)
        self.assertEqual(names[0], "Results")
        self.assertEqual(names[-1], "Responses")
        # A sheet for each equality table: who answered each equalities question, and every
        # counted question broken down by each.
        self.assertIn("Who answered age-band", names)
        self.assertIn("Who answered disability", names)
        self.assertIn("opening-hours by age-band", names)
        csv_rows = [row for row in csv.reader(io.StringIO(csv_text))]
        trimmed = [row[:max([i + 1 for i, cell in enumerate(row) if cell] or [0])] for row in csv_rows]
        self.assertEqual(sheets["Responses"], trimmed)
        self.assertEqual(len(sheets["Responses"]), 24)  # the header and Banbury's 23
        sealed = trimmed[0].index("sealed")
        self.assertTrue(all(row[sealed] in ("", "yes") for row in trimmed[1:] if len(row) > sealed))
        table = sheets["Results"]
        self.assertEqual(table[1], ["Responses", "23"])
        header = next(i for i, row in enumerate(table) if row and row[0] == "question")
        counts = {row[0] + ":" + row[3]: int(row[4]) for row in table[header + 1:] if len(row) > 4 and row[3]}
        shown = self.results_counts(driver)
        self.assertGreater(len(shown), 20)
        self.assertEqual({k: v for k, v in counts.items() if k in shown}, shown)

        # The equality evidence of the same filter: Banbury's 23 responses broken down by age
        # make a small cross-tab, whose small counts read "fewer than 5" with secondary
        # suppression; the spreadsheet's sheet of that breakdown says the same, cell for cell.
        self.click(driver, By.ID, "equality-link")
        self.assertIn("/equality", driver.current_url)
        self.assertIn("division=Banbury", driver.current_url)
        self.assertIn("23 responses", self.text(driver))
        self.check_page(driver, "equality")
        self.keyboard_reaches_everything(driver, "equality")
        Select(driver.find_element(By.ID, "question")).select_by_value("opening-hours")
        Select(driver.find_element(By.ID, "by")).select_by_value("age-band")
        self.click(driver, By.CSS_SELECTOR, "form.fv-cross-form button")
        self.assertIn("division=Banbury", driver.current_url)
        cells = [(td.get_attribute("data-cell"), td.text)
                 for td in driver.find_elements(By.CSS_SELECTOR, "#cross-tab td[data-cell]")]
        self.assertEqual(len(cells), (5 + 1) * (7 + 1))  # 5 answers, 6 ages and "No answer"
        texts = [text for _, text in cells]
        self.assertIn("fewer than 5", texts)
        for where, text in cells:
            self.assertTrue(text in ("fewer than 5", "hidden", "0") or int(text) >= 5, where)
        # No line (a row with its total, a column with its total) has exactly one value held
        # back: that one would be its total less the rest.
        grid = [texts[r * 8:(r + 1) * 8] for r in range(6)]
        held = [[text in ("fewer than 5", "hidden") for text in row] for row in grid]
        for r in range(6):
            self.assertNotEqual(sum(held[r]), 1, "row %d: %s" % (r, grid[r]))
        for c in range(8):
            self.assertNotEqual(sum(held[r][c] for r in range(6)), 1, "column %d" % c)
        self.assertEqual(dict(cells)["all|all"], "23")
        sheet = sheets["opening-hours by age-band"]
        sheet_cells = [cell for row in sheet[2:] for cell in row[1:]]
        self.assertEqual(sheet_cells, texts)
        self.check_page(driver, "equality-breakdown")

        # A census reference uploaded: the representation table marks the groups heard least.
        census = self.folder / "census-2021.csv"
        census.write_text("question_id,option_key,share\n"
                          "age-band,under-16,0.19\nage-band,16-24,0.11\nage-band,25-44,0.25\n"
                          "age-band,45-64,0.26\nage-band,65-plus,0.19\n"
                          "disability,yes,0.18\ndisability,no,0.82\n")
        driver.find_element(By.ID, "reference-file").send_keys(str(census))
        self.click(driver, By.CSS_SELECTOR, "form[enctype] button[type=submit]")
        self.assertIn("division=Banbury", driver.current_url)  # the same page, its filter kept
        self.assertIn("23 responses", self.text(driver))
        done = driver.find_element(By.ID, "reference-done")
        self.assertIn("Stored the reference population census-2021.csv", done.text)
        # Where the officer looks first: the page opens at its top, and the banner is in view.
        self.assertLess(driver.execute_script(
            "return arguments[0].getBoundingClientRect().bottom - window.innerHeight", done), 0)
        rows = driver.find_elements(By.CSS_SELECTOR, "#representation-age-band tbody tr")
        self.assertEqual(len(rows), 5)
        self.assertTrue(any("Least heard" in r.text for r in rows), [r.text for r in rows])
        self.check_page(driver, "equality-representation")

        # Sign out: told so, and the pages are closed again.
        self.click(driver, By.XPATH, "//button[normalize-space()='Sign out']")
        self.assertIn("You have signed out", self.text(driver))
        self.check_page(driver, "signed-out")
        self.page(driver, "/consultations")
        self.assertIn("/sign-in", driver.current_url)

    def test_a_councillor_reads_a_meeting_and_partner_feedback(self):
        """A councillor's laptop runs a meeting and takes a partner's submission, syncs with the
        real `fieldvoice sync`, and a viewer reads both on their pages."""
        laptop = Kiosk(self.store, "Councillor laptop", "Witney")
        run([FILL, laptop.dir, LIBRARIES, 4, 9, "--meeting", "Witney open evening"])
        run([FILL, laptop.dir, LIBRARIES, 2, 10, "--mode", "partner", "--organisation",
             "Age UK Oxfordshire"])
        laptop.sync()
        driver = self.browser()
        self.first_sign_in(driver, "viewer")
        self.click(driver, By.LINK_TEXT, "Meetings")
        self.assertIn("/sessions", driver.current_url)
        row = driver.find_element(By.CSS_SELECTOR, "#sessions tbody tr").text
        self.assertIn("Witney open evening", row)
        self.assertIn("Community centre", row)
        self.check_page(driver, "sessions")
        self.keyboard_reaches_everything(driver, "sessions")
        self.click(driver, By.LINK_TEXT, "Witney open evening")
        text = self.text(driver)
        self.assertIn("Our clients need help to get online", text)
        self.assertIn("For Citizens Advice", text)
        self.assertEqual(driver.find_element(By.ID, "session-responses").text, "4")
        ranking = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#idea-ranking tbody tr")]
        self.assertEqual(ranking, ["1 Sunday opening 5", "2 A homework club 1"])
        hands = driver.find_element(By.CSS_SELECTOR, "table[id^=poll-] tbody").text
        self.assertIn("7 70.0%", hands)
        self.check_page(driver, "session")
        self.keyboard_reaches_everything(driver, "session")
        self.click(driver, By.LINK_TEXT, "Partners")
        text = self.text(driver)
        self.assertIn("Age UK Oxfordshire (2 submissions)", text)
        self.assertIn("Citizens Advice (1 note from meetings)", text)
        self.check_page(driver, "partners")
        self.keyboard_reaches_everything(driver, "partners")

    def test_the_accessibility_check_finds_a_fault_when_there_is_one(self):
        """axe-core is really run: a page given an image without a text alternative and a field
        without a label fails the same check every page passes."""
        driver = self.browser()
        self.page(driver, "/sign-in")
        driver.execute_script(
            "const main = document.querySelector('main');"
            "main.insertAdjacentHTML('beforeend', '<img src=\"data:image/png;base64,iVBORw0KGgo=\">"
            "<input type=\"text\" name=\"unlabelled\">');")
        with self.assertRaises(AssertionError) as failed:
            self.check_page(driver, "sign-in-broken")
        self.assertIn("image-alt", str(failed.exception))
        self.assertIn("label", str(failed.exception))

    def test_signing_in_by_keyboard_alone(self):
        driver = self.browser()
        once = self.store.add_user("kim@example.org", "viewer")
        self.page(driver, "/sign-in")
        self.press(driver, Keys.TAB)
        self.tab_to(driver, "email")
        self.type_into_focused(driver, "kim@example.org")
        self.tab_to(driver, "password")
        self.navigate_by(driver, lambda: self.type_into_focused(driver, once + Keys.ENTER))
        self.assertIn("/change-password", driver.current_url)
        self.press(driver, Keys.TAB)
        self.tab_to(driver, "current")
        self.type_into_focused(driver, once)
        self.tab_to(driver, "password")
        self.type_into_focused(driver, PASSWORD)
        self.tab_to(driver, "confirm")
        self.navigate_by(driver, lambda: self.type_into_focused(driver, PASSWORD + Keys.ENTER))
        self.assertIn("/consultations", driver.current_url)
        # Into the results by keyboard: follow the link with Enter.
        self.press(driver, Keys.TAB)
        for _ in range(40):
            if "See the results" in (driver.switch_to.active_element.text or ""):
                break
            self.press(driver, Keys.TAB)
        self.navigate_by(driver, lambda: self.press(driver, Keys.ENTER))
        self.assertRegex(driver.current_url, r"/consultations/libraries-2027")
        self.assertTrue(self.results_counts(driver))

    def test_a_viewer_reads_results_but_cannot_publish(self):
        driver = self.browser()
        self.first_sign_in(driver, "viewer")
        self.assertEqual(driver.find_elements(By.ID, "definition"), [])
        self.assertNotIn("Devices", [a.text for a in driver.find_elements(By.CSS_SELECTOR, "nav a")])
        # A POST made by hand, with the viewer's own valid CSRF token, is refused.
        status = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "const form = new FormData();"
            "form.append('csrf', document.querySelector('input[name=csrf]').value);"
            "form.append('definition', new Blob([arguments[0]], {type: 'application/json'}), 'c.json');"
            "fetch(location.pathname, {method: 'POST', body: form, headers: {Accept: 'text/html'}})"
            "  .then(r => done(r.status)).catch(e => done(String(e)));",
            json.dumps(dict(json.loads(LIBRARIES.read_text()), version=3)))
        self.assertEqual(status, 403)
        self.assertEqual(self.query("SELECT max(version) FROM consultations"), 1)
        self.click(driver, By.PARTIAL_LINK_TEXT, "See the results")
        self.assertTrue(self.results_counts(driver))
        self.check_page(driver, "results-viewer")
        # A councillor reads what people said, with no tag forms.
        self.click(driver, By.ID, "words-link")
        self.assertTrue(driver.find_elements(By.CSS_SELECTOR, "li.fv-word"))
        self.assertEqual(driver.find_elements(By.CSS_SELECTOR, "form.fv-tag-form, button.fv-untag"), [])
        self.check_page(driver, "words-viewer")

    def test_a_stale_csrf_token_in_a_second_tab_changes_nothing(self):
        driver = self.browser()
        self.first_sign_in(driver, "admin")
        self.page(driver, "/users")
        self.check_page(driver, "users")
        self.keyboard_reaches_everything(driver, "users")
        first_tab = driver.current_window_handle
        driver.switch_to.new_window("tab")
        self.page(driver, "/consultations")
        self.click(driver, By.XPATH, "//button[normalize-space()='Sign out']")
        self.sign_in(driver, "admin@example.org", PASSWORD)
        self.assertIn("/consultations", driver.current_url)
        # Back in the first tab, its form still holds the old session's token.
        driver.switch_to.window(first_tab)
        driver.find_element(By.ID, "email").send_keys("late@example.org")
        driver.find_element(By.ID, "user-name").send_keys("Late Comer")
        self.click(driver, By.CSS_SELECTOR, "main form button[type=submit]")
        self.assertRegex(self.text(driver), r"(?i)expired|out of date|again")
        self.check_page(driver, "stale-form")
        self.page(driver, "/users")
        self.assertNotIn("late@example.org", self.text(driver))
        self.page(driver, "/audit")
        self.check_page(driver, "audit")
        self.keyboard_reaches_everything(driver, "audit")

    def test_wrong_passwords_are_rate_limited(self):
        driver = self.browser()
        self.store.add_user("lee@example.org", "officer")
        for attempt in range(5):
            self.sign_in(driver, "lee@example.org", "wrong password %d" % attempt)
            self.assertIn("/sign-in", driver.current_url)
            self.assertNotIn("Too many", self.text(driver))
        self.check_page(driver, "sign-in-wrong")
        self.sign_in(driver, "lee@example.org", "wrong again")
        self.assertIn("Too many tries", self.text(driver))
        self.check_page(driver, "sign-in-too-many")
        # The answer a browser gets is 429 with Retry-After.
        request = urllib.request.Request(self.store.url + "/sign-in", method="POST",
                                         data=b"email=lee%40example.org&password=x",
                                         headers={"Accept": "text/html",
                                                  "Content-Type": "application/x-www-form-urlencoded"})
        with self.assertRaises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        self.assertIn(refused.exception.code, (403, 429))

    def test_an_admin_revokes_a_device_and_its_next_sync_is_refused(self):
        # Witney holds two answers to a version the store never published: refused, kept in
        # quarantine on the kiosk, and reported at the end of its sync.
        unpublished = json.loads(LIBRARIES.read_text())
        unpublished["version"] = 9
        unpublished_file = self.folder / "libraries-9.json"
        unpublished_file.write_text(json.dumps(unpublished))
        run([FILL, self.witney.dir, unpublished_file, 2, 11])
        refused = self.witney.sync(check=False)
        self.assertEqual(refused.returncode, 1)
        self.assertIn("kept in quarantine", refused.stderr)
        driver = self.browser()
        self.first_sign_in(driver, "admin")
        self.page(driver, "/devices")
        witney_row = driver.find_element(
            By.XPATH, "//tr[th[contains(., 'Witney library')]]").text
        self.assertIn("2 responses quarantined", witney_row)
        self.assertIn("version ", witney_row)
        self.assertIn("nothing left to send",
                      driver.find_element(By.XPATH, "//tr[th[contains(., 'Banbury library')]]").text)
        self.check_page(driver, "devices")
        self.keyboard_reaches_everything(driver, "devices")
        self.assertIn("Banbury library", self.text(driver))
        self.click(driver, By.XPATH, "//button[contains(., 'Revoke') and contains(., 'Banbury library')]")
        self.assertIn("Banbury library is revoked", self.text(driver))
        self.check_page(driver, "devices-revoked")
        self.banbury.answer(3, 9)
        refused = self.banbury.sync(check=False)
        self.assertNotEqual(refused.returncode, 0, refused.stdout)
        self.assertRegex(refused.stdout + refused.stderr, r"(?i)revoked")
        # Witney still syncs.
        self.witney.answer(2, 10)
        self.witney.sync()
        self.page(driver, "/consultations")
        self.assertIn("77", self.text(driver))
        # The enrolment code is shown once.
        self.page(driver, "/devices")
        driver.find_element(By.ID, "name").send_keys("Bicester library")
        driver.find_element(By.ID, "new-division").send_keys("Bicester")
        self.click(driver, By.XPATH, "//button[normalize-space()='Make a code']")
        code = driver.find_element(By.ID, "enrolment-code").text
        self.assertRegex(code, r"^[A-Z0-9]{4}-[A-Z0-9]{4}$")
        self.check_page(driver, "devices-code")
        self.page(driver, "/devices")
        self.assertNotIn(code, self.text(driver))

    def theme_counts(self, driver):
        return {e.get_attribute("data-theme-count"): int(e.text.replace(",", ""))
                for e in driver.find_elements(By.CSS_SELECTOR, "[data-theme-count]")}

    def test_an_officer_tags_a_note_searches_it_and_sees_the_theme_counts_change(self):
        self.witney.meeting("Witney library evening meeting",
                            "Parking near the Marketplace is impossible after six",
                            ("Stagecoach", "The last Marketplace bus leaves at seven"))
        self.witney.sync()
        driver = self.browser()
        self.first_sign_in(driver, "officer")
        self.click(driver, By.PARTIAL_LINK_TEXT, "what people said in their own words")
        self.assertRegex(driver.current_url, r"/consultations/libraries-2027/words$")
        self.check_page(driver, "words")
        before = self.theme_counts(driver)
        self.assertEqual(before["community-space"], 0)
        total = int(driver.find_element(By.ID, "word-count").text.replace(",", ""))
        self.assertEqual(before[""], total)  # nothing is tagged yet
        self.assertEqual(total, self.query("SELECT count(*) FROM own_words"))

        # Search by keyboard: type the word and press Enter.
        driver.find_element(By.ID, "q").click()
        self.type_into_focused(driver, "marketplace parking")
        self.navigate_by(driver, lambda: self.press(driver, Keys.ENTER))
        self.assertIn("q=marketplace+parking", driver.current_url)
        self.assertEqual(driver.find_element(By.ID, "word-count").text, "1")
        note = driver.find_element(By.CSS_SELECTOR, "li.fv-word")
        self.assertEqual(note.get_attribute("data-kind"), "note")
        self.assertIn("Witney library evening meeting", note.text)
        self.assertRegex(note.text, r"Division\s+Witney")
        word = note.get_attribute("data-word-id")
        self.assertEqual(self.theme_counts(driver)["community-space"], 0)
        self.keyboard_reaches_everything(driver, "words-searched")

        # Tag it; the page comes back with the same search, and the count has changed.
        Select(driver.find_element(By.ID, "tag-" + word)).select_by_visible_text("community-space")
        self.click(driver, By.CSS_SELECTOR, "#word-%s button.fv-tag" % word)
        self.assertRegex(driver.current_url, r"q=marketplace(\+|%20)parking.*#word-" + word)
        self.assertEqual(self.theme_counts(driver)["community-space"], 1)
        self.assertEqual(self.theme_counts(driver)[""], 0)
        self.assertIn("community-space", driver.find_element(By.ID, "word-" + word).text)
        driver.execute_script("window.scrollTo(0, 0);")  # it came back at the text's anchor
        self.check_page(driver, "words-tagged")

        # Over everything, and through the theme's own link.
        self.page(driver, "/consultations/libraries-2027/words")
        after = self.theme_counts(driver)
        self.assertEqual(after["community-space"], 1)
        self.assertEqual(after[""], before[""] - 1)
        self.click(driver, By.LINK_TEXT, "community-space")
        self.assertEqual(driver.find_element(By.ID, "word-count").text, "1")
        self.assertEqual(driver.find_element(By.CSS_SELECTOR, "li.fv-word").get_attribute("data-word-id"), word)
        # The partner's note kept its organisation, and a search for it finds both notes.
        self.page(driver, "/consultations/libraries-2027/words?q=Marketplace&kind=note")
        self.assertEqual(driver.find_element(By.ID, "word-count").text, "2")
        self.assertRegex(self.text(driver), r"Organisation\s+Stagecoach")
        self.check_page(driver, "words-notes")
        self.assertEqual(self.query("SELECT count(*) FROM audit_log WHERE action = 'tag text'"), 1)


    def test_an_officer_tells_residents_what_was_done(self):
        driver = self.browser()
        self.first_sign_in(driver, "officer")
        self.click(driver, By.PARTIAL_LINK_TEXT, "what was done")
        self.assertRegex(driver.current_url, r"/consultations/libraries-2027/outcomes$")
        self.assertIn("No entry is shown on the kiosks", self.text(driver))
        self.check_page(driver, "outcomes-empty")
        self.keyboard_reaches_everything(driver, "outcomes-empty")
        # A refused entry says what and where, keeps what was typed, and stores nothing.
        driver.find_element(By.ID, "text-en").send_keys("We now open until 7pm on Thursdays.")
        self.click(driver, By.ID, "publish-entry")
        self.assertIn("Text in Polish: write what was done, in Polish", self.text(driver))
        self.assertEqual(driver.find_element(By.ID, "text-en").get_attribute("value"),
                         "We now open until 7pm on Thursdays.")
        self.check_page(driver, "outcomes-refused")
        self.assertEqual(self.query("SELECT count(*) FROM outcomes"), 0)
        driver.find_element(By.ID, "text-pl").send_keys("W czwartki jesteśmy otwarci do 19:00.")
        Select(driver.find_element(By.ID, "theme")).select_by_visible_text("opening-hours")
        self.click(driver, By.ID, "publish-entry")
        self.assertIn("published: kiosks show it after their next sync", self.text(driver))
        live = driver.find_element(By.ID, "live")
        self.assertIn("W czwartki jesteśmy otwarci do 19:00.", live.text)
        self.check_page(driver, "outcomes")
        self.keyboard_reaches_everything(driver, "outcomes")
        self.assertEqual(self.query("SELECT count(*) FROM outcomes WHERE withdrawn_at IS NULL"), 1)
        self.click(driver, By.XPATH, "//button[starts-with(normalize-space(), 'Withdraw entry')]")
        self.assertIn("it leaves the kiosks at their next sync", self.text(driver))
        self.assertIn("No entry is shown on the kiosks", self.text(driver))
        self.check_page(driver, "outcomes-withdrawn")
        self.assertEqual(self.query("SELECT count(*) FROM outcomes WHERE withdrawn_at IS NULL"), 0)
        self.assertEqual(self.query(
            "SELECT count(*) FROM audit_log WHERE action IN ('add outcome', 'withdraw outcome')"), 2)

    def free_text_answers(self):
        """Every free-text answer the store holds (text questions, and the texts of "other"
        choices): what only an answer could put on a page."""
        kinds = {q["id"]: q["type"] for q in json.loads(LIBRARIES.read_text())["questions"]}
        with sqlite3.connect(self.store.db, timeout=10) as db:
            bodies = [json.loads(b) for (b,) in db.execute("SELECT body FROM responses")]
        texts = set()
        for body in bodies:
            for question, value in body["answers"].items():
                for v in value if isinstance(value, list) else [value]:
                    if not isinstance(v, str):
                        continue
                    if kinds.get(question) == "text":
                        texts.add(v)
                    elif v.startswith("other:"):
                        texts.add(v[len("other:"):])
        return texts

    def test_the_public_page_shows_what_was_done_and_no_answer(self):
        # A free-text answer no page, label or definition carries: only an answer can show it.
        secret = "Tangerine zebra crossings outside the reading room"
        self.witney.answer(20, 9, text=secret)
        self.witney.sync()
        self.assertGreater(self.query(
            "SELECT count(*) FROM responses WHERE instr(body, '%s') > 0" % secret), 0)
        total = self.query("SELECT count(*) FROM responses WHERE consultation_id = 'libraries-2027'")
        self.assertEqual(total, 95)
        officer = self.browser()
        self.first_sign_in(officer, "officer")
        self.page(officer, "/consultations/libraries-2027/outcomes")
        officer.find_element(By.ID, "text-en").send_keys(
            "You asked for later opening. We now open until 7pm on Thursdays.")
        officer.find_element(By.ID, "text-pl").send_keys(
            "Prosili Państwo o dłuższe godziny. W czwartki otwieramy do 19:00.")
        officer.find_element(By.ID, "easy-en").send_keys("The library is open later on Thursdays.")
        self.click(officer, By.ID, "publish-entry")
        self.assertIn("published: kiosks show it after their next sync", self.text(officer))

        resident = self.browser()  # never signed in: no cookie at all
        self.page(resident, "/c/libraries-2027")
        text = self.text(resident)
        self.assertIn("Your library, your say", text)
        self.assertIn("The county council is redesigning library services for 2027.", text)
        self.assertIn("The council has had about 100 responses so far.", text)  # 95, rounded
        self.assertIn("We now open until 7pm on Thursdays.", text)
        self.assertIn("Easy Read: The library is open later on Thursdays.", text)
        self.assertEqual(resident.get_cookies(), [])
        answers = self.free_text_answers()
        self.assertIn(secret, answers)
        self.assertGreater(len(answers), 5)
        for answer in answers:
            self.assertNotIn(answer, text)
        for division in ("Witney", "Banbury"):
            self.assertNotIn(division, text)
        self.check_page(resident, "public-page")
        self.keyboard_reaches_everything(resident, "public-page")

        self.click(resident, By.LINK_TEXT, "Polski")
        self.assertRegex(resident.current_url, r"/c/libraries-2027\?lang=pl$")
        text = self.text(resident)
        self.assertIn("Twoja biblioteka, Twój głos", text)
        self.assertIn("Rada otrzymała dotąd około 100 odpowiedzi.", text)
        self.assertIn("W czwartki otwieramy do 19:00.", text)
        self.assertEqual(resident.find_element(By.TAG_NAME, "html").get_attribute("lang"), "pl")
        for answer in answers:
            self.assertNotIn(answer, text)
        self.check_page(resident, "public-page-pl")

        self.page(resident, "/c/no-such-consultation")
        self.assertIn('There is no consultation "no-such-consultation"', self.text(resident))
        self.check_page(resident, "public-page-missing")

    def test_an_officer_erases_a_response_by_its_reference(self):
        self.banbury.answer(1, 11, reference="K7QF3XPM")
        self.banbury.sync()
        erased = self.query("SELECT id FROM responses WHERE reference = 'K7QF3XPM'")
        before = self.query("SELECT count(*) FROM responses")
        driver = self.browser()
        self.first_sign_in(driver, "officer")
        self.click(driver, By.LINK_TEXT, "Erase a response")
        self.check_page(driver, "erase")
        self.keyboard_reaches_everything(driver, "erase")
        # A reference that matches nothing says so, naming what was typed.
        driver.find_element(By.ID, "reference").send_keys("zzzz 2222")
        self.click(driver, By.ID, "find")
        self.assertIn('No response has the reference ZZZZ2222 (typed as "zzzz 2222")',
                      self.text(driver))
        self.check_page(driver, "erase-unknown")
        field = driver.find_element(By.ID, "reference")
        field.clear()
        field.send_keys("k7qf 3xpm")
        self.click(driver, By.ID, "find")
        self.assertIn("The response with the reference K7QF3XPM", self.text(driver))
        self.assertIn("Banbury library (Banbury)", self.text(driver))
        self.check_page(driver, "erase-found")
        self.keyboard_reaches_everything(driver, "erase-found")
        self.click(driver, By.ID, "erase-" + erased)
        self.assertIn("with the reference K7QF3XPM to Your library, your say was erased",
                      self.text(driver))
        self.check_page(driver, "erase-done")
        self.assertEqual(self.query("SELECT count(*) FROM responses"), before - 1)
        self.assertEqual(self.query(
            "SELECT count(*) FROM erasures WHERE reference = 'K7QF3XPM' AND erased_by = 'officer@example.org'"), 1)
        csv = self.fetch(driver, self.store.url + "/consultations/libraries-2027/results.csv")
        self.assertNotIn(erased, csv)
        self.assertEqual(len(list(csv.splitlines())) - 1, before - 1)
        # The kiosk's next sync deletes its copy.
        self.assertIn("erased on the store, so deleted here: 1", self.banbury.sync().stdout)
        with sqlite3.connect(self.banbury.dir / "fieldvoice.db", timeout=10) as db:
            self.assertEqual(db.execute("SELECT count(*) FROM responses WHERE id = ?",
                                        (erased,)).fetchone()[0], 0)

    # --- the one-tap pulse (docs/pulse.md) ------------------------------------------------

    def pulse_consultation(self):
        """A staff pulse survey: a smiley, named as the pulse question when this build's
        `fieldvoice validate` knows the field, and one more question. Published on the store."""
        definition = {
            "id": "depot-pulse", "version": 1, "title": {"en": "How is your week at the depot?"},
            "languages": ["en"], "audience": ["staff"],
            "privacy_notice": {"en": "We keep your answers for two years."},
            "questions": [
                {"id": "mood", "type": "smiley", "prompt": {"en": "How is your week?"},
                 "required": True},
                {"id": "help", "type": "single_choice", "prompt": {"en": "What would help most?"},
                 "options": [{"id": "kit", "label": {"en": "Better kit"}},
                             {"id": "rota", "label": {"en": "A fairer rota"}}]}]}
        path = self.folder / "depot-pulse.json"
        path.write_text(json.dumps(dict(definition, pulse="mood")))
        if run([KIOSK, "validate", path], check=False).returncode != 0:
            path.write_text(json.dumps(definition))
        self.store.cli("publish", path)

    def upload_as_device(self, name, responses):
        """Enrols a device over the protocol (PROTOCOL.md) and uploads `responses` as it would;
        every one must be stored."""
        code = self.store.cli("enrol-code", "--name", name, "--division", "Witney").stdout.split()[-1]
        def post(path, body, token=None):
            request = urllib.request.Request(
                self.store.url + "/api/v1" + path, data=json.dumps(body).encode(), method="POST",
                headers=dict({"Content-Type": "application/json"},
                             **({"Authorization": "Bearer " + token} if token else {})))
            with urllib.request.urlopen(request, timeout=30) as r:
                return json.loads(r.read())
        device = post("/devices/enrol", {"code": code, "device_name": name})
        reply = post("/responses", {"device_id": device["device_id"],
                                    "sent_at": "2026-11-23T14:05:09.120Z", "responses": responses},
                     device["token"])
        self.assertEqual([r["status"] for r in reply["results"]], ["stored"] * len(responses),
                         json.dumps(reply))

    def test_the_results_count_each_person_once_and_show_flagged_responses_apart(self):
        self.pulse_consultation()
        counter = iter(range(10, 100))

        def response(mode, answers, flags=(), continues=None):
            n = next(counter)
            r = {"id": "00000000-0000-4000-8000-0000000000%02d" % n,
                 "consultation_id": "depot-pulse", "consultation_version": 1, "mode": mode,
                 "language": "en", "started_at": "2026-11-23T09:%02d:00Z" % n,
                 "submitted_at": "2026-11-23T09:%02d:05Z" % n, "answers": answers,
                 "session_id": None, "participant": None,
                 "consent": {"privacy_notice": mode != "pulse", "quote_publicly": False,
                             "contact_me": False},
                 "flags": list(flags), "sealed": None}
            if continues:
                r["continues"] = continues["id"]
            return r

        # Six taps: two went on to "Tell us more?" (one changing its smiley from 2 to 4), one
        # tap was flagged a rapid repeat; and two full responses without a tap, one flagged.
        taps = [response("pulse", {"mood": m}) for m in (2, 5, 5, 4, 1)]
        taps.append(response("pulse", {"mood": 5}, flags=["rapid_repeat"]))
        more = [response("kiosk", {"mood": 4, "help": "kit"}, continues=taps[0]),
                response("kiosk", {"mood": 1, "help": "rota"}, continues=taps[4])]
        full = [response("kiosk", {"mood": 3, "help": "kit"}),
                response("kiosk", {"mood": 3}, flags=["rapid_repeat"])]
        # The continuations arrive before their taps, as a device may send them.
        self.upload_as_device("Depot kiosk", more + full + taps)

        driver = self.browser()
        self.first_sign_in(driver, "officer")
        self.page(driver, "/consultations/depot-pulse")
        text = self.text(driver)
        # 10 responses, 2 taps counted in the full response that continues them: 8 people.
        self.assertIn("8 responses, of which 2 flagged as rapid repeats", text)
        self.assertIn("Each person is counted once: 2 one-tap pulse responses went on to a full "
                      "response", text)
        counts = self.results_counts(driver)
        self.assertEqual({k: v for k, v in counts.items() if k.startswith("mood:")},
                         {"mood:1": 1, "mood:2": 0, "mood:3": 2, "mood:4": 2, "mood:5": 3})
        self.assertEqual(counts["help:kit"], 2)
        self.assertEqual(counts["help:rota"], 1)
        flagged = {e.get_attribute("data-flagged"): int(e.text)
                   for e in driver.find_elements(By.CSS_SELECTOR, "[data-flagged^='mood:']")}
        self.assertEqual(flagged, {"mood:1": 0, "mood:2": 0, "mood:3": 1, "mood:4": 0, "mood:5": 1})
        rows = {tr.get_attribute("data-mode"): [td.text for td in tr.find_elements(By.TAG_NAME, "td")]
                for tr in driver.find_elements(By.CSS_SELECTOR, "#modes tr[data-mode]")}
        # Responses, of them told us more, counted, of the counted flagged.
        self.assertEqual(rows, {"kiosk": ["4", "–", "4", "1"], "pulse": ["6", "2", "4", "1"]})
        self.assertIn("One-tap pulse 6 2 4 1", text)
        self.assertIn("All modes 10 2 8 2", text)
        self.check_page(driver, "results-pulse")
        self.keyboard_reaches_everything(driver, "results-pulse")

        # The taps alone, by the mode filter: all six, the two that went on among them.
        Select(driver.find_element(By.ID, "mode")).select_by_value("pulse")
        self.click(driver, By.CSS_SELECTOR, "form.fv-filters button")
        self.assertIn("mode=pulse", driver.current_url)
        self.assertIn("6 responses, of which 1 flagged as rapid repeats: mode pulse.", self.text(driver))
        self.check_page(driver, "results-pulse-only")

        # The consultations list, by audience: the staff pulse survey, and a clear error.
        self.page(driver, "/consultations")
        Select(driver.find_element(By.ID, "audience")).select_by_value("staff")
        self.click(driver, By.CSS_SELECTOR, "#audience-filter button")
        text = self.text(driver)
        self.assertIn("Consultations that ask staff.", text)
        self.assertIn("How is your week at the depot?", text)
        self.assertNotIn("Your library, your say", text)
        self.assertEqual([e.text for e in driver.find_elements(By.CSS_SELECTOR, "[data-count='all']")],
                         ["8"])  # each person once here too
        self.check_page(driver, "consultations-staff")
        self.page(driver, "/consultations?audience=visitors")
        self.assertIn('Audience: "visitors" is not one of resident, partner, staff', self.text(driver))
        self.assertTrue(driver.title.startswith("Error: "))
        self.check_page(driver, "consultations-bad-audience")

if __name__ == "__main__":
    unittest.main(verbosity=2)

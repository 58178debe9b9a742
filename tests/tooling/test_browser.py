"""The HTML book in a real browser: axe-core's audit, and the copy buttons.

Debian's chromium, driven through its chromedriver by Selenium, loads the
pages the build wrote (``file://``, as a reader opens them offline).
``make browser`` (a prerequisite of ``make test``) installs chromium,
chromedriver and axe-core; without them these tests fail, saying so.
"""

from __future__ import annotations

import code
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
import sphinx_copybutton  # type: ignore[import-untyped]
from pygments.formatters import HtmlFormatter  # type: ignore[import-untyped]
from selenium import webdriver
from selenium.webdriver import ActionChains, Keys
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webelement import WebElement
from sphinx.pygments_styles import SphinxStyle

BOOK = "python-underneath-fastapi"
AXE = (
    Path(sys.prefix) / "axe-core" / "node_modules" / "axe-core" / "axe.min.js"
)
#: Width, height, whether to emulate a phone (meta viewport, touch), and
#: the colour scheme asked for (Furo follows prefers-color-scheme).
SCREENS = {
    "desktop": (1280, 900, False, "light"),
    "phone": (390, 844, True, "light"),
    "phone-dark": (390, 844, True, "dark"),
}
#: The REPL the copied text is pasted into: the interpreter's own
#: interactive loop (``-i`` reads stdin as a terminal session would, with
#: the classic parser that 3.11 and 3.12 use at a terminal).  Any error,
#: SyntaxError included, goes through sys.excepthook: exit 1 at the first.
REPL_HOOK = """\
import os, sys
def _fail(*exc):
    sys.__excepthook__(*exc)
    os._exit(1)
sys.excepthook = _fail
"""


def _require(path: str | None, what: str) -> str:
    if path is None or not Path(path).exists():
        pytest.fail(f"{what} is missing: run `make browser` (or `make test`)")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    chromium = _require(shutil.which("chromium"), "chromium")
    driver_path = _require(shutil.which("chromedriver"), "chromedriver")
    _require(str(AXE), f"axe-core ({AXE})")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    # No sandbox as root; no calls home (this machine has no network but
    # the package registries, and Chromium would retry them at every start).
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()


def screen(driver: webdriver.Chrome, name: str) -> None:
    width, height, mobile, scheme = SCREENS[name]
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {
            "width": width,
            "height": height,
            "deviceScaleFactor": 3 if mobile else 1,
            "mobile": mobile,
        },
    )


def pages(html: Path) -> list[Path]:
    return sorted(
        p
        for p in html.rglob("*.html")
        if not {"_static", "_downloads", "_images"} & set(p.parts)
    )


def axe_violations(driver: webdriver.Chrome) -> list[dict[str, Any]]:
    """axe-core's violations on the loaded page (every rule it runs by
    default: WCAG 2.0-2.2 A and AA, and best practices)."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done(r.violations), e => done(String(e)));"
    )
    assert isinstance(result, list), result
    return cast(list[dict[str, Any]], result)


def serious(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): "
        + "; ".join(
            f"{' '.join(n['target'])}: {n['failureSummary'][:200]}"
            for n in v["nodes"][:3]
        )
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.slow
@pytest.mark.parametrize("name", SCREENS)
def test_every_page_has_no_serious_or_critical_axe_violation(
    book_build: Path, browser: webdriver.Chrome, name: str
) -> None:
    screen(browser, name)
    found: dict[str, list[str]] = {}
    checked = pages(book_build / "html")
    assert len(checked) > 10
    for page in checked:
        browser.get(page.as_uri())
        assert browser.execute_script("return innerWidth") == SCREENS[name][0]
        if bad := serious(axe_violations(browser)):
            found[str(page.relative_to(book_build / "html"))] = bad
    assert found == {}


@pytest.mark.slow
def test_axe_finds_the_old_code_colours_and_unfocusable_code(
    book_build: Path, browser: webdriver.Chrome
) -> None:
    """The audit can fail: with Pygments' old 'sphinx' style put back, or
    book.js's tab stops taken off the code that scrolls on a phone, axe
    reports what the review found (M10, M11)."""
    screen(browser, "phone")
    browser.get((book_build / "html" / "oop" / "classes.html").as_uri())
    assert serious(axe_violations(browser)) == []
    old_css = HtmlFormatter(style=SphinxStyle).get_style_defs(
        "body div.highlight"
    )
    browser.execute_script(
        "const style = document.createElement('style');"
        "style.textContent = arguments[0];"
        "document.head.append(style);"
        "for (const pre of document.querySelectorAll('pre[tabindex]')) {"
        "  pre.removeAttribute('tabindex'); }",
        old_css,
    )
    ids = {
        v["id"] for v in axe_violations(browser) if v["impact"] == "serious"
    }
    assert {"color-contrast", "scrollable-region-focusable"} <= ids


#: Code blocks wider than their box: scrolled on a screen, clipped on a
#: paginated e-reader.
#: How much wider than the screen the page is (0: it fits).
PAGE_OVERFLOWING = (
    "const e = document.documentElement;"
    "return Math.max(0, e.scrollWidth - e.clientWidth - 1);"
)
OVERFLOWING = (
    "return [...document.querySelectorAll('pre')]"
    ".filter(p => p.scrollWidth > p.clientWidth + 1).length;"
)


@pytest.mark.slow
def test_a_copy_button_with_keyboard_focus_is_visible(
    book_build: Path, browser: webdriver.Chrome
) -> None:
    """Independent web review, W1: a copy button took keyboard focus at
    opacity 0, with no outline (WCAG 2.4.7)."""
    screen(browser, "desktop")
    browser.get((book_build / "html" / "oop" / "classes.html").as_uri())
    body = browser.find_element("css selector", "body")
    for _ in range(80):  # Tab until a copy button has focus
        body.send_keys(Keys.TAB)
        body = browser.switch_to.active_element
        if "copybtn" in (body.get_attribute("class") or ""):
            break
    else:
        pytest.fail("no copy button took keyboard focus in 80 tabs")
    style = browser.execute_script(
        "const s = getComputedStyle(arguments[0]);"
        "return [s.opacity, s.outlineStyle, s.outlineWidth];",
        body,
    )
    assert style[0] == "1", style
    assert style[1] != "none", style
    assert style[2] != "0px", style


#: Tables wider than what holds them: their columns hide off-screen.
TABLES_OVERFLOWING = (
    "return [...document.querySelectorAll('table.edition')]"
    ".map(t => t.parentElement)"
    ".filter(w => w.scrollWidth > w.clientWidth + 1)"
    ".map(w => w.scrollWidth + ' > ' + w.clientWidth);"
)


@pytest.mark.slow
@pytest.mark.parametrize("name", SCREENS)
def test_the_edition_tables_fit_the_screen(
    book_build: Path, browser: webdriver.Chrome, name: str
) -> None:
    """Print review m17: on a phone the edition table (413 px in a 364 px
    wrapper) hid its "verified on" column until the reader scrolled."""
    screen(browser, name)
    browser.get((book_build / "html" / "edition.html").as_uri())
    # The listings' table; with make editions' results, the versions' too.
    tables = browser.execute_script(
        "return document.querySelectorAll('table.edition').length"
    )
    assert tables >= 1
    assert browser.execute_script(TABLES_OVERFLOWING) == []


@pytest.mark.slow
def test_epub_pages_pass_axe_and_their_code_reflows_on_a_phone(
    book_build: Path, browser: webdriver.Chrome, tmp_path: Path
) -> None:
    """Every content document of the EPUB, with the EPUB's stylesheets, at
    phone width: no serious or critical axe violation, and no code block
    wider than the page (M13); without book-epub.css, code overflows."""
    with zipfile.ZipFile(book_build / "epub" / f"{BOOK}.epub") as archive:
        archive.extractall(tmp_path)
    documents = sorted(
        p for p in tmp_path.rglob("*.xhtml") if p.name != "nav.xhtml"
    )
    assert len(documents) > 10
    screen(browser, "phone")
    found: dict[str, list[str]] = {}
    overflowing: dict[str, int] = {}
    for document in documents:
        browser.get(document.as_uri())
        name = str(document.relative_to(tmp_path))
        if bad := serious(axe_violations(browser)):
            found[name] = bad
        if count := browser.execute_script(OVERFLOWING):
            overflowing[name] = count
        # Nor is anything else wider than the page (web review W2: the
        # edition table, the index, long inline paths).
        if width := browser.execute_script(PAGE_OVERFLOWING):
            overflowing[name] = width
    assert found == {}
    assert overflowing == {}
    browser.get((tmp_path / "oop" / "classes.xhtml").as_uri())
    browser.execute_script(
        "document.querySelector('link[href$=\"book-epub.css\"]').remove();"
    )
    assert browser.execute_script(OVERFLOWING) > 0


# ----------------------------------------------------------- copy buttons


def copy_with_button(driver: webdriver.Chrome, pre: WebElement) -> str:
    """Click the block's copy button as a reader does; read the clipboard."""
    driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center'})", pre
    )
    button = pre.find_element("xpath", "following-sibling::button")
    driver.execute_script("navigator.clipboard.writeText('')")
    # A real click (the button shows on hover); ClipboardJS copies only
    # on a trusted user gesture.
    ActionChains(driver).move_to_element(pre).click(button).perform()
    text = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "navigator.clipboard.readText().then(done, e => done('ERROR ' + e));"
    )
    assert isinstance(text, str)
    assert not text.startswith("ERROR"), text
    return text


def open_with_clipboard(driver: webdriver.Chrome, page: Path) -> None:
    screen(driver, "desktop")
    driver.get(page.as_uri())
    driver.execute_cdp_cmd(
        "Browser.grantPermissions",
        {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]},
    )


def block_with(driver: webdriver.Chrome, start: str) -> WebElement:
    for pre in driver.find_elements("css selector", "div.highlight pre"):
        if pre.get_attribute("textContent").startswith(start):  # type: ignore[union-attr]
            return pre
    raise AssertionError(f"no listing starts with {start!r}")


def paste_into_repl(text: str) -> subprocess.CompletedProcess[str]:
    """Paste TEXT into a fresh interpreter's REPL and press Enter."""
    return subprocess.run(
        [sys.executable, "-i", "-q", "-c", REPL_HOOK],
        input=text + "\n",
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def run_as_script(text: str) -> subprocess.CompletedProcess[str]:
    """Paste TEXT into a file and run it (``python -``)."""
    return subprocess.run(
        [sys.executable, "-"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


BASKET = ">>> class Basket:"


@pytest.mark.slow
def test_a_copied_class_listing_runs_in_a_fresh_interpreter(
    book_build: Path, browser: webdriver.Chrome
) -> None:
    # book/oop/classes.md: a class body with an empty line inside, closed
    # by a bare "...", then statements and their output.
    open_with_clipboard(browser, book_build / "html" / "oop" / "classes.html")
    copied = copy_with_button(browser, block_with(browser, BASKET))
    assert copied.startswith("class Basket:\n    items: list[str] = []\n")
    assert ">>>" not in copied
    assert "..." not in copied
    assert "['apple']" not in copied  # the output shown is not copied
    repl = paste_into_repl(copied)
    assert repl.returncode == 0, repl.stderr
    # The REPL echoes what the listing shows.
    assert repl.stdout.split() == ["['apple']", "True"]
    script = run_as_script(copied)
    assert script.returncode == 0, script.stderr


#: copybutton_prompt_text values: the book's before bookkit.copybutton,
#: the review's (M12), and the review's without its capturing group.
OLD_PROMPTS = {
    "before": (r">>> |\.\.\. |\$ ", "SyntaxError: invalid syntax"),
    "review": (r">>> |\.\.\.( |$)|\$ ", None),
    "non-capturing": (r">>> |\.\.\.(?: |$)|\$ ", "IndentationError"),
}


@pytest.mark.slow
@pytest.mark.parametrize("config", OLD_PROMPTS)
def test_sphinx_copybuttons_own_filter_cannot_copy_it(
    book_build: Path, browser: webdriver.Chrome, config: str
) -> None:
    """sphinx-copybutton's formatCopyText on the same block, with each
    prompt expression: what it copies does not run in the REPL."""
    prompt, error = OLD_PROMPTS[config]
    open_with_clipboard(browser, book_build / "html" / "oop" / "classes.html")
    pre = block_with(browser, BASKET)
    funcs = Path(sphinx_copybutton.__file__).parent / "_static"
    script = (funcs / "copybutton_funcs.js").read_text(encoding="utf-8")
    copied = browser.execute_script(
        script.replace("export function", "function")
        # sphinx-copybutton's call, with the settings conf.py had.
        + "return formatCopyText(filterText(arguments[0], '.linenos'),"
        " arguments[1], true, true, true, true, '', '');",
        pre,
        prompt,
    )
    assert isinstance(copied, str)
    if error is None:
        # match[2] is the expression's own group: the code is lost.
        assert "class Basket" not in copied
        assert copied.strip(" \n") == ""
    else:
        repl = paste_into_repl(copied)
        assert repl.returncode == 1
        assert error in repl.stderr


class _CompileOnly(code.InteractiveConsole):
    """The REPL's reading of pasted lines, compiling without running."""

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[str] = []

    def runcode(self, code: Any) -> None:
        pass

    def showsyntaxerror(self, filename: str | None = None, **_: Any) -> None:
        self.errors.append(str(sys.exc_info()[1]))


def repl_syntax_errors(text: str) -> list[str]:
    console = _CompileOnly()
    for line in [*text.split("\n"), ""]:
        console.push(line)
    return console.errors


def for_this_python(label: str) -> bool:
    """Whether a listing's version label ("Python 3.11", "Python 3.11-3.13"
    with an en dash, "Python 3.12 and later", or none) covers the running
    interpreter."""
    if not label:
        return True
    match = re.fullmatch(
        r"Python 3\.(\d+)(?:\u20133\.(\d+)| and (later))?", label.strip()
    )
    assert match, label
    first, last, later = match.groups()
    minor = sys.version_info.minor
    return int(first) <= minor and (
        later is not None or minor <= int(last or first)
    )


#: The version label of a listing, if it has one.
LABEL_OF = (
    "const box = arguments[0].closest('figure.pyversion');"
    "const label = box && box.querySelector('.pyversion-label');"
    "return label ? label.textContent : '';"
)


@pytest.mark.slow
def test_every_copied_doctest_of_part_two_reads_in_the_repl(
    book_build: Path, browser: webdriver.Chrome
) -> None:
    """Each doctest of Part II (the class listings) for this Python, copied
    with its button, is read by the REPL without a SyntaxError, unless the
    listing itself shows one."""
    checked = 0
    problems: dict[str, list[str]] = {}
    for page in sorted((book_build / "html" / "oop").glob("*.html")):
        open_with_clipboard(browser, page)
        for pre in browser.find_elements("css selector", "div.highlight pre"):
            shown = pre.get_attribute("textContent") or ""
            if not shown.startswith(">>>") or "SyntaxError" in shown:
                continue
            if not for_this_python(browser.execute_script(LABEL_OF, pre)):
                continue
            copied = copy_with_button(browser, pre)
            checked += 1
            if errors := repl_syntax_errors(copied):
                problems[f"{page.name}: {shown.splitlines()[0]}"] = errors
    assert checked > 40
    assert problems == {}, problems


@pytest.mark.slow
def test_the_copy_of_a_shell_session_is_its_commands(
    book_build: Path, browser: webdriver.Chrome
) -> None:
    """Blocks without ">>>" still go through sphinx-copybutton's filter."""
    for page in pages(book_build / "html"):
        text = page.read_text(encoding="utf-8")
        if re.search(r'<span class="gp">\$ </span>', text):
            break
    else:
        raise AssertionError("no page shows a shell session")
    open_with_clipboard(browser, page)
    for pre in browser.find_elements("css selector", "div.highlight pre"):
        shown = pre.get_attribute("textContent") or ""
        if shown.startswith("$ "):
            copied = copy_with_button(browser, pre)
            assert copied == "\n".join(
                line[2:] for line in shown.splitlines() if line[:2] == "$ "
            )
            return
    raise AssertionError(f"no shell session found in {page}")


# ------------------------------------------------ make browser, make epubcheck
SYSTEM_DEPS = (
    Path(__file__).resolve().parents[2] / "src/bookkit/system_deps.sh"
)


def deps_machine(tmp_path: Path, present: tuple[str, ...], root: bool) -> Path:
    """A PATH with the PRESENT tools as stubs, a recording apt-get and npm."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "env", "grep", "mkdir", "dirname", "tail"):
        found = shutil.which(tool)
        assert found is not None
        (bin_dir / tool).symlink_to(found)
    calls = tmp_path / "calls"
    for tool in present:
        (bin_dir / tool).write_text("#!/bin/bash\nexit 0\n")
    (bin_dir / "id").write_text(f"#!/bin/bash\necho {0 if root else 1000}\n")
    (bin_dir / "apt-get").write_text(
        f'#!/bin/bash\necho "apt-get $*" >> {calls}\n'
    )
    if "npm" in present:  # installs a stand-in axe-core where asked
        (bin_dir / "npm").write_text(
            "#!/bin/bash\n"
            f'echo "npm $*" >> {calls}\n'
            'dir=$3/node_modules/axe-core; last=${*: -1}; mkdir -p "$dir"\n'
            """echo "{\\"version\\": \\"${last#axe-core@}\\"}" """
            '> "$dir/package.json"\n'
            'echo "/* axe */" > "$dir/axe.min.js"\n'
        )
    for path in bin_dir.iterdir():
        path.chmod(0o755)
    return bin_dir


def system_deps(
    tmp_path: Path, bin_dir: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SYSTEM_DEPS), *args],
        capture_output=True,
        text=True,
        check=False,
        env={
            "PATH": str(bin_dir),
            "BOOK_SYSTEM_DEPS_LOG": str(tmp_path / "log" / "deps.log"),
        },
    )


def calls(tmp_path: Path) -> list[str]:
    path = tmp_path / "calls"
    return path.read_text().splitlines() if path.exists() else []


def test_make_browser_installs_what_is_missing_then_nothing(
    tmp_path: Path,
) -> None:
    bin_dir = deps_machine(tmp_path, ("npm",), root=True)
    axe = tmp_path / "axe"
    result = system_deps(tmp_path, bin_dir, "browser", str(axe))
    assert result.returncode == 0, result.stderr
    assert calls(tmp_path) == [
        "apt-get update -qq",
        "apt-get install -y -qq --no-install-recommends chromium "
        "chromium-driver",
        f"npm install --prefix {axe} --no-save --no-audit --no-fund "
        "--ignore-scripts axe-core@4.14.1",
    ]
    # Once everything is there: no apt-get, no npm, no output.
    for tool in ("chromium", "chromedriver"):
        (bin_dir / tool).write_text("#!/bin/bash\n")
        (bin_dir / tool).chmod(0o755)
    (tmp_path / "calls").unlink()
    result = system_deps(tmp_path, bin_dir, "browser", str(axe))
    assert (result.returncode, result.stdout, calls(tmp_path)) == (0, "", [])


@pytest.mark.parametrize(
    ("case", "packages"),
    [
        ("browser", "chromium chromium-driver npm"),
        ("epub", "epubcheck default-jre-headless"),
    ],
)
def test_missing_browser_or_epubcheck_is_named_with_the_command(
    tmp_path: Path, case: str, packages: str
) -> None:
    bin_dir = deps_machine(tmp_path, (), root=False)
    result = system_deps(tmp_path, bin_dir, case, str(tmp_path / "axe"))
    assert result.returncode == 2
    assert (
        "install them with: sudo apt-get install --no-install-recommends "
        f"{packages}\n" in result.stderr
    )
    assert calls(tmp_path) == []

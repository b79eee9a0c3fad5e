"""The HTML explorer in a real browser: Debian's Chromium driven by Playwright, offline."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import kg
from kg.html import render_html
from kg.namespaces import ID

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCREENSHOTS = Path(__file__).resolve().parents[1] / "out" / "test-screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: scripts/setup --test installs Debian's chromium")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def net(graph):
    return kg.to_networkx(graph)


@pytest.fixture(scope="module")
def explorer_file(graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("explorer") / "belgorod.html"
    path.write_text(render_html(graph), encoding="utf-8")
    return path


class Page:
    """A page with every non-file request aborted and every console error and page error kept."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}")
                     if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

        def route(request_route):
            self.requests.append(request_route.request.url)
            if request_route.request.url.startswith("file:"):
                request_route.continue_()
            else:
                request_route.abort()

        self.page.route("**/*", route)
        self.page.goto(path.as_uri())
        for _ in range(600):  # the page's CSP forbids eval, so poll from outside
            if self.page.evaluate("window.kgReady === true"):
                break
            self.page.wait_for_timeout(50)
        else:
            raise AssertionError("the explorer never became ready: " + "; ".join(self.errors))

    def js(self, expression: str):
        return self.page.evaluate(expression)


@pytest.fixture()
def page(browser, explorer_file):
    opened = Page(browser, explorer_file)
    yield opened
    opened.page.close()


def test_loads_offline_without_errors_and_shows_every_node_and_edge(page, net):
    assert page.js("[kgExplorer.nodesView.length, kgExplorer.edgesView.length]") == \
        [net.number_of_nodes(), net.number_of_edges()]
    assert page.errors == []
    assert [url for url in page.requests if not url.startswith("file:")] == []
    assert page.page.inner_text("#status") == f"{net.number_of_nodes()} nodes, {net.number_of_edges()} edges"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SCREENSHOTS / "explorer.png"))


def test_search_by_label_selects_and_focuses_the_node(page):
    page.page.fill("#search", "Medvedev")
    page.page.press("#search", "Enter")
    assert page.js("kgExplorer.network.getSelectedNodes()") == [str(ID.DmitryMedvedev)]
    assert page.page.inner_text("#panel h3") == "Dmitry Medvedev"
    assert "Claims by Dmitry Medvedev (7)" in page.page.text_content("#panel")
    assert "Kyiv’s denial was “an absolute lie”, he said." in page.page.text_content("#panel")
    page.page.screenshot(path=str(SCREENSHOTS / "explorer-medvedev.png"))
    assert page.errors == []


def test_viewpoint_filter_shows_only_that_camps_claims(page, net):
    page.page.select_option("#viewpoint", "camp:Russian government")
    expected = sum(1 for *_, d in net.edges(data=True) if d["camp"] == "Russian government")
    visible = page.js("kgExplorer.edgesView.get().map(e => e.camp)")
    assert len(visible) == expected > 10
    assert set(visible) == {"Russian government"}
    page.page.select_option("#viewpoint", f"actor:{ID.Ukraine}")
    claimants = page.js("[...new Set(kgExplorer.edgesView.get().map(e => e.claimant))]")
    assert claimants == ["Ukraine"]
    assert page.errors == []


def test_hovering_an_accusation_shows_its_quote(page):
    page.page.select_option("#viewpoint", f"actor:{ID.DmitryMedvedev}")
    for box in page.page.query_selector_all("#relation-filter input"):
        if box.get_attribute("data-relation") != "accuses":
            box.uncheck()
    assert page.js("kgExplorer.edgesView.length") == 3
    x, y = page.js(f"""(() => {{
        const n = kgExplorer.network; n.fit(); n.redraw();
        const p = n.getPositions(['{ID.DmitryMedvedev}', '{ID.UnitedKingdom}']);
        const a = p['{ID.DmitryMedvedev}'], b = p['{ID.UnitedKingdom}'];
        const box = document.querySelector('#network').getBoundingClientRect();
        // a point on the edge with no node over it (the layout may put another node at its middle)
        for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.35, 0.65, 0.25, 0.75]) {{
          const dom = n.canvasToDOM({{ x: a.x + f * (b.x - a.x), y: a.y + f * (b.y - a.y) }});
          const edge = n.getEdgeAt(dom);
          if (n.getNodeAt(dom) === undefined && edge !== undefined
              && n.getConnectedNodes(edge).includes('{ID.UnitedKingdom}')) return [box.left + dom.x, box.top + dom.y];
        }}
        return null; }})()""")
    page.page.mouse.move(x - 30, y - 30)
    page.page.mouse.move(x, y, steps=5)
    tooltip = page.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    text = tooltip.inner_text()
    assert "Dmitry Medvedev — accuses → United Kingdom" in text
    assert "“Former Russian President Dmitry Medvedev accused the United States, European Union and United Kingdom”" in text
    assert "unverified" in text and "Al Jazeera" in text
    assert page.errors == []


def test_type_filter_hides_places(page, net):
    page.page.uncheck("#node-legend input[data-kind='place']")
    kinds = set(page.js("kgExplorer.nodesView.get().map(n => n.kind)"))
    assert "place" not in kinds and "person" in kinds
    places = sum(1 for _, d in net.nodes(data=True) if d["kind"] == "place")
    assert page.js("kgExplorer.nodesView.length") == net.number_of_nodes() - places


def test_clicking_empty_canvas_throws_nothing_and_clears_the_highlight(page):
    page.page.fill("#search", "Peskov")
    page.page.press("#search", "Enter")
    dimmed = page.js("kgExplorer.nodes.get().filter(n => n.color && n.color.background === '#e6e6e6').length")
    assert dimmed > 0
    page.page.wait_for_timeout(800)  # the search's focus animation ends; then find a point with nothing under it
    x, y = page.js("""(() => {
      const net = kgExplorer.network, box = document.querySelector('#network').getBoundingClientRect();
      for (let y = box.height - 5; y > 5; y -= 15) for (let x = 5; x < box.width - 5; x += 15)
        if (net.getNodeAt({x, y}) === undefined && net.getEdgeAt({x, y}) === undefined) return [box.x + x, box.y + y];
      return null; })()""")
    page.page.mouse.click(x, y)
    page.page.wait_for_function(
        "kgExplorer.nodes.get().filter(n => n.color && n.color.background === '#e6e6e6').length === 0", timeout=3000)
    assert page.errors == []


def test_fit_and_reset_buttons(page, net):
    page.page.select_option("#viewpoint", "camp:Ukrainian government")
    page.page.click("#fit")
    page.page.click("#reset")
    assert page.js("[kgExplorer.nodesView.length, kgExplorer.edgesView.length]") == \
        [net.number_of_nodes(), net.number_of_edges()]
    assert page.page.input_value("#viewpoint") == ""
    assert page.errors == []


def test_file_names_no_external_url(explorer_file):
    text = explorer_file.read_text(encoding="utf-8")
    assert re.findall(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", text, re.I) == []
    assert "cdn" not in re.sub(r"[^<]*", "", text).lower()  # no CDN in any tag


def test_hostile_labels_and_quotes_show_literally_and_run_nothing(browser, tmp_path):
    hostile = kg.load(FIXTURES / "hostile.ttl")
    path = tmp_path / "hostile.html"
    path.write_text(render_html(hostile, title='<script>window.__pwned="title"</script>'), encoding="utf-8")
    page = Page(browser, path)
    page.page.fill("#search", "<img")
    page.page.press("#search", "Enter")
    assert page.page.inner_text("#panel h3") == '<img src=x onerror="window.__pwned = \'img\'">'
    panel = page.page.text_content("#panel")
    assert "<script>window.__pwned = 'script'</script> & \"quotes\" 'too'" in panel
    assert '“<img src=x onerror="window.__pwned = \'quote\'"> said "it" & more”' in panel
    assert page.page.title() == '<script>window.__pwned="title"</script>'
    labels = page.js("kgExplorer.nodes.get().map(n => n.label)")
    assert "Tom & Jerry's \"state\" </script><b>bold</b>" in labels
    page.page.wait_for_timeout(300)
    assert page.js("window.__pwned === undefined")
    assert page.js("document.querySelectorAll('img, b, i, #panel script').length") == 0
    assert page.errors == []

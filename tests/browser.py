"""A real service and a real browser for the page tests.

The service is the app on a real uvicorn, on 127.0.0.1, in a thread. The
browser is Debian's chromium (`make browser`; nothing downloads one), driven
by Playwright, with every request to anywhere but that service refused: the
pages must work on a machine with no route to the internet. Refused requests,
page errors and console errors (a Content Security Policy violation is one)
are recorded so that a test can demand there were none.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn
from playwright.sync_api import BrowserContext, Page, Route, sync_playwright

from api.app import create_app
from graph.store import GraphStore

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Screenshots meant for people (the README's) are also copied here when set.
SCREENSHOTS = "UNCT_GRAPH_SCREENSHOTS"


class Service:
    """The app on uvicorn in a thread, listening on a free loopback port."""

    def __init__(self, store: GraphStore) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        config = uvicorn.Config(
            create_app(store), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Service:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the service did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@dataclass
class Browser:
    """A chromium with a fresh profile, allowed to reach only `origin`."""

    context: BrowserContext
    origin: str
    refused: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def page(self) -> Page:
        page = self.context.new_page()
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on(
            "console",
            lambda m: self.problems.append(f"console: {m.text}") if m.type == "error" else None,
        )
        return page

    def _route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(self.origin + "/") or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()

    def assert_clean(self) -> None:
        """Nothing tried to leave the machine, nothing failed in the page."""
        assert self.refused == [], self.refused
        assert self.problems == [], self.problems
        self.problems.clear()


def browser(origin: str, profile: Path) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=FLAGS,
            viewport={"width": 1400, "height": 900},
            accept_downloads=True,
        )
        found = Browser(context, origin)
        context.route("**/*", found._route)
        try:
            yield found
        finally:
            context.close()


def screenshot(page: Page, directory: Path, name: str, publish: bool = False) -> Path:
    """A full-page screenshot under `directory`; one to `publish` (the README's)
    is copied to $UNCT_GRAPH_SCREENSHOTS too, when that is set."""
    path = directory / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000  # a picture, not a blank page
    if publish and os.environ.get(SCREENSHOTS):
        target = Path(os.environ[SCREENSHOTS])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target / path.name)
    return path

"""A small, valid set of data files and pages for the hostile tests to break one edit at a time.

The texts are fixed here (not the real data) so that every expected message, line numbers
included, can be written out exactly. ``edit`` applies one replacement and fails loudly if
the text to replace is missing, so a test cannot silently stop testing anything.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from conftest import copy_project
from exam_data import VALID_EXAM

# The build date the tests pretend it is (retired_on may not be later).
TODAY = date(2026, 11, 28)
# Generous bounds: a hang (an alias bomb, a runaway regex) fails instead of blocking CI.
PURE_SECONDS = 10
BUILD_SECONDS = 120

AREAS = """\
- number: 1
  name: Hubs
  short_name: Hubs
  weight:
    min: 40
    max: 60
  page: areas/01-hubs.md
- number: 2
  name: Edge
  short_name: Edge
  weight:
    min: 40
    max: 60
  page: areas/02-edge.md
"""

SKILLS = """\
- area: 1
  groups:
    - name: Set up hubs
      url: https://learn.microsoft.com/en-us/azure/iot-hub/
      skills:
        - id: create-a-hub
          name: Create a hub
          url: https://learn.microsoft.com/en-us/azure/iot-hub/create
- area: 2
  groups:
    - name: Run modules
      url: https://learn.microsoft.com/en-us/azure/iot-edge/
      skills:
        - id: deploy-a-module
          name: Deploy a module
          url: https://learn.microsoft.com/en-us/azure/iot-edge/deploy
"""

PATHS = """\
- name: Hub basics
  area: 1
  url: https://learn.microsoft.com/en-us/training/paths/hub/
  module_count: 2
- name: Edge basics
  area: 2
  url: https://learn.microsoft.com/en-us/training/paths/edge/
  module_count: 3
"""

GLOSSARY = """\
- name: IoT Hub
  definition: The cloud service that devices connect to.
  areas: [1]
  id: iot-hub
- name: IoT Edge
  aliases: [edge runtime]
  definition: Runs *modules* on a device, near the data.
  areas: [2]
  doc: https://learn.microsoft.com/en-us/azure/iot-edge/
  id: iot-edge
"""

CHANGELOG = """\
retired_on: 2023-07-31
updates:
  - date: 2022-07-28
    changes:
      - kind: added
        area: 1
        skill: Create a hub
        skill_id: create-a-hub
        description: New skill about hubs.
  - date: 2021-05-25
    changes:
      - kind: removed
        area: 2
        group: Old edge group
        description: The group left the outline.
"""

QUESTIONS = """\
- id: pick-a-tier
  area: 1
  skills: [create-a-hub]
  scenario: A pilot needs *twins* and `C2D` messages.
  prompt: Which tier fits?
  options:
    - text: Standard
      correct: true
      why: It has twins.
    - text: Basic
      correct: false
      why: It has no twins.
    - text: Free, later `B1`
      correct: false
      why: A free hub cannot change tier.
  explanation: See [the tiers](https://learn.microsoft.com/en-us/azure/iot-hub/iot-hub-scaling).
  doc: https://learn.microsoft.com/en-us/azure/iot-hub/iot-hub-scaling
- id: ship-a-module
  area: 2
  skills: [deploy-a-module]
  scenario: A module must reach one device.
  prompt: Which two steps?
  options:
    - text: Set modules on the device
      correct: true
      why: That writes its deployment manifest.
    - text: Push the image to a registry
      correct: true
      why: The device pulls it from there.
    - text: Reboot the hub
      correct: false
      why: A hub has nothing to reboot.
  doc: https://github.com/Azure/iotedge
"""

# The same exam facts as tests/exam_data.py, one comment line down (reports pin line numbers).
EXAM = "# Facts about the exam for the site's code.\n" + VALID_EXAM

RETIREMENTS = """\
- id: edge-security-daemon
  what: IoT Edge security daemon
  change: renamed
  date: 2021-04-09
  successor: IoT Edge module runtime
  successor_url: https://learn.microsoft.com/en-us/azure/iot-edge/iot-edge-security-manager
  note: Version 1.2 renamed the daemon; the *exam* uses the old name.
  skills: [deploy-a-module]
  terms: [iot-edge]
"""

LABS = """\
- number: 2
  title: Create a hub
  url: https://github.com/MicrosoftLearning/AZ-220-Microsoft-Azure-IoT-Developer/blob/master/lab02.md
  areas: [1]
  groups: [Set up hubs]
  covers: Create a hub in the portal.
  needs: A subscription.
  cost: One S1 unit while it exists.
- number: 7
  title: Deploy a module
  url: https://github.com/MicrosoftLearning/AZ-220-Microsoft-Azure-IoT-Developer/blob/master/lab07.md
  areas: [2]
  groups: [Run modules]
  covers: Deploy a module with a *manifest*.
  needs: A Linux VM.
  cost: The VM and the hub.
  retirements: [edge-security-daemon]
"""

PITFALLS = """\
- area: 1
  tips:
    - A free hub never becomes a paid one.
    - A basic hub has no twins.
    - Partitions are fixed when the hub is made.
    - Quotas count messages in 4 KB blocks.
- area: 2
  tips:
    - Routes live in the edgeHub twin.
    - The agent starts the hub module.
    - A new deployment restarts changed modules.
    - The hub module stores messages while offline.
"""

DATA = {
    "areas.yml": AREAS,
    "skills.yml": SKILLS,
    "learning_paths.yml": PATHS,
    "glossary.yml": GLOSSARY,
    "changelog.yml": CHANGELOG,
    "questions.yml": QUESTIONS,
    "exam.yml": EXAM,
    "retirements.yml": RETIREMENTS,
    "labs.yml": LABS,
    "pitfalls.yml": PITFALLS,
}


def write_data(data_dir: Path, changes: dict[str, str | bytes] | None = None) -> Path:
    """The fixture data files in ``data_dir``, with some files' contents replaced."""
    data_dir.mkdir(parents=True, exist_ok=True)
    for name, text in {**DATA, **(changes or {})}.items():
        path = data_dir / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return data_dir


def edit(text: str, old: str, new: str) -> str:
    """``text`` with its one occurrence of ``old`` replaced by ``new``."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


@contextmanager
def time_bound(seconds: int = PURE_SECONDS) -> Iterator[None]:
    """Fail a test whose pure-Python work runs longer than ``seconds`` (SIGALRM, main thread)."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def build_within(project: Path, seconds: int = BUILD_SECONDS) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of ``project`` into ``project/site``, killed after ``seconds``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(project / "site")],
        capture_output=True, text=True, env=env, check=False, timeout=seconds,
    )


def hostile_project(dest: Path) -> Path:
    """A copy of the real project to break (its real data, not the fixture above)."""
    return copy_project(dest)

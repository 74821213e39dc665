"""Hostile and careless edits to every data file, one at a time: each gives exactly one report.

Every case edits the small fixture data of ``hostile_support`` (so lines are known), runs the
same validation the build runs first (``studyguide.validate.validate_all``) and compares the whole
report: file, line, entry and problem, in the project's words. A time bound catches hangs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_support import DATA, PITFALLS, RETIREMENTS, TODAY, edit, time_bound, write_data

from studyguide.errors import DataError
from studyguide.validate import validate_all


def report(tmp_path: Path, changes: dict[str, str | bytes]) -> str:
    """The build's whole report for the fixture data with ``changes``; '' when it passes."""
    data = write_data(tmp_path / "data", changes)
    with time_bound():
        try:
            validate_all(data, today=TODAY)
        except DataError as exc:
            return str(exc)
    return ""


def test_the_fixture_data_is_valid(tmp_path: Path) -> None:
    assert report(tmp_path, {}) == ""


# (file, text to replace or None for the whole file, replacement, the exact report)
EDITS = {
    'duplicate-key-areas': (
        'areas.yml', '  short_name: Edge\n',
        '  short_name: Edge\n  name: Edge again\n',
        "data/areas.yml:11: YAML: key 'name' is given twice in one mapping (first on line 9)",
    ),
    'duplicate-key-glossary': (
        'glossary.yml', '  areas: [1]\n',
        '  areas: [1]\n  definition: Second.\n',
        "data/glossary.yml:4: YAML: key 'definition' is given twice in one mapping (first on line 2)",
    ),
    'unknown-tag': (
        'skills.yml', 'name: Create a hub',
        'name: !shout Create a hub',
        'data/skills.yml:7: YAML: tag !shout is not allowed in data files',
    ),
    'python-tag': (
        'glossary.yml', 'definition: The cloud service that devices connect to.',
        'definition: !!python/object/apply:os.system [echo hi]',
        'data/glossary.yml:2: YAML: tag tag:yaml.org,2002:python/object/apply:os.system is not allowed in data files',
    ),
    'binary-tag': (
        'changelog.yml', 'description: New skill about hubs.',
        'description: !!binary aGk=',
        'data/changelog.yml:9: YAML: tag tag:yaml.org,2002:binary is not allowed in data files',
    ),
    'set-tag': (
        'learning_paths.yml', 'module_count: 3',
        'module_count: !!set {a}',
        'data/learning_paths.yml:8: YAML: tag tag:yaml.org,2002:set is not allowed in data files',
    ),
    'alias': (
        'learning_paths.yml', 'module_count: 2\n',
        'module_count: &n 2\n- name: Copy\n  area: 1\n  url: https://learn.microsoft.com/x\n  module_count: *n\n',
        'data/learning_paths.yml:8: YAML: alias *n is not allowed in data files: write the value out',
    ),
    'merge-key': (
        'areas.yml', '  weight:\n    min: 40\n    max: 60\n  page: areas/02-edge.md',
        '  weight:\n    <<: {min: 40}\n    max: 60\n  page: areas/02-edge.md',
        'data/areas.yml:12: YAML: merge keys (<<) are not allowed in data files: write the keys out',
    ),
    'unclosed-double-quote': (
        'glossary.yml', 'definition: The cloud service that devices connect to.',
        'definition: "The cloud service that devices connect to.',
        ('data/glossary.yml:2: YAML: invalid YAML (a quoted string opens here and is never closed: '
         'found unexpected end of stream)'),
    ),
    'unclosed-single-quote': (
        'skills.yml', 'name: Deploy a module',
        "name: 'Deploy a module",
        ('data/skills.yml:15: YAML: invalid YAML (a quoted string opens here and is never closed: '
         'found unexpected end of stream)'),
    ),
    'unclosed-flow-list': (
        'glossary.yml', 'areas: [2]',
        'areas: [2',
        ("data/glossary.yml:8: YAML: invalid YAML (a flow sequence opens here and is never closed: "
         "did not find expected ',' or ']')"),
    ),
    'tab-indent': (
        'areas.yml', '  short_name: Hubs\n',
        '\tshort_name: Hubs\n',
        'data/areas.yml:3: YAML: invalid YAML (found a tab character that violates indentation)',
    ),
    'two-documents': (
        'areas.yml', '- number: 2\n',
        '---\n- number: 2\n',
        'data/areas.yml:8: YAML: invalid YAML (but found another document)',
    ),
    'empty-areas-file': (
        'areas.yml', None,
        '',
        'data/areas.yml: file: must be a non-empty list of areas',
    ),
    'mapping-not-list': (
        'skills.yml', None,
        'area: 1\n',
        'data/skills.yml:1: file: must be a list of areas with their skill groups',
    ),
    'control-char-in-name': (
        'glossary.yml', 'name: IoT Hub',
        'name: "IoT\\x02Hub"',
        "data/glossary.yml:1: term 'IoT\\x02Hub': name: contains the control character U+0002; remove it",
    ),
    'bool-weight': (
        'areas.yml', '    min: 40\n    max: 60\n  page: areas/01-hubs.md',
        '    min: true\n    max: 60\n  page: areas/01-hubs.md',
        'data/areas.yml:5: area 1 (Hubs): weight.min: must be a whole number (found True)',
    ),
    'string-number': (
        'areas.yml', '- number: 2\n',
        "- number: '2'\n",
        "data/areas.yml:8: area 2 (Edge): number: must be a whole number (found '2')",
    ),
    'float-weight': (
        'areas.yml', '    max: 60\n  page: areas/02-edge.md',
        '    max: 60.5\n  page: areas/02-edge.md',
        'data/areas.yml:13: area 2 (Edge): weight.max: must be a whole number (found 60.5)',
    ),
    'bool-term-area': (
        'glossary.yml', 'areas: [1]',
        'areas: [yes]',
        "data/glossary.yml:3: term 'IoT Hub': areas[1]: must be a whole number (found True)",
    ),
    'bool-change-area': (
        'changelog.yml', '        area: 2\n',
        '        area: true\n',
        'data/changelog.yml:13: update 2021-05-25, change 1: area: must be a whole number (found True)',
    ),
    'bool-module-count': (
        'learning_paths.yml', 'module_count: 2',
        'module_count: true',
        "data/learning_paths.yml:4: path 'Hub basics': module_count: must be a whole number (found True)",
    ),
    'javascript-skill-url': (
        'skills.yml', 'url: https://learn.microsoft.com/en-us/azure/iot-hub/create',
        'url: javascript:alert(1)',
        "data/skills.yml:8: skill create-a-hub: url: must be an https:// address (found 'javascript:alert(1)')",
    ),
    'list-as-name': (
        'areas.yml', '  name: Hubs\n',
        '  name: [Hubs]\n',
        "data/areas.yml:2: area 1: name: must be text (found ['Hubs'])",
    ),
    'empty-description': (
        'changelog.yml', 'description: New skill about hubs.',
        "description: ''",
        'data/changelog.yml:9: update 2022-07-28, change 1: description: must not be empty',
    ),
    'missing-field': (
        'learning_paths.yml', '  area: 2\n',
        '',
        "data/learning_paths.yml:5: path 'Edge basics': area: is required",
    ),
    'unknown-field': (
        'skills.yml', '          name: Create a hub\n',
        '          name: Create a hub\n          onclick: alert(1)\n',
        'data/skills.yml:8: skill create-a-hub: onclick: is not a known field (a typo?)',
    ),
    'bad-skill-id': (
        'skills.yml', 'id: deploy-a-module',
        'id: Deploy_Module',
        ("data/skills.yml:14: skill Deploy_Module: id: must be lowercase letters and digits in words "
         "joined by hyphens (found 'Deploy_Module')"),
    ),
    'bad-page': (
        'areas.yml', 'page: areas/02-edge.md',
        'page: ../../etc/passwd',
        ("data/areas.yml:14: area 2 (Edge): page: must be a page in docs/, like areas/01-name.md "
         "(found '../../etc/passwd')"),
    ),
    'duplicate-area-number': (
        'areas.yml', '- number: 2\n',
        '- number: 1\n',
        ('data/areas.yml:1: area 1: number used 2 times (Hubs, Edge)\ndata/areas.yml: area 2: '
         'missing: areas must be numbered 1–2 without gaps (found 1)'),
    ),
    'duplicate-skill-id': (
        'skills.yml', 'id: deploy-a-module',
        'id: create-a-hub',
        ("data/skills.yml:14: skill create-a-hub: id is used by more than one skill ('Create a hub' "
         "and 'Deploy a module')"),
    ),
    'duplicate-term': (
        'glossary.yml', '- name: IoT Edge\n',
        '- name: iot hub\n',
        "data/glossary.yml:5: term 'iot hub': is defined more than once",
    ),
    'alias-claimed': (
        'glossary.yml', 'aliases: [edge runtime]',
        'aliases: [IoT Hub]',
        "data/glossary.yml:6: term 'IoT Edge': alias 'IoT Hub' is already claimed by term 'IoT Hub'",
    ),
    'duplicate-update-date': (
        'changelog.yml', 'date: 2021-05-25',
        'date: 2022-07-28',
        'data/changelog.yml:3: update 2022-07-28: date is listed 2 times',
    ),
    'duplicate-path': (
        'learning_paths.yml', '- name: Edge basics',
        '- name: Hub basics',
        "data/learning_paths.yml:1: path 'Hub basics': is listed more than once",
    ),
    'common-word-term': (
        'glossary.yml', '- name: IoT Edge\n',
        '- name: Device\n',
        "data/glossary.yml:5: term 'Device': name is a common English word; every page would link it",
    ),
    'common-word-alias': (
        'glossary.yml', 'aliases: [edge runtime]',
        'aliases: [the]',
        "data/glossary.yml:6: term 'IoT Edge': alias 'the' is a common English word; every page would link it",
    ),
    'one-letter-alias': (
        'glossary.yml', 'aliases: [edge runtime]',
        'aliases: [E]',
        "data/glossary.yml:6: term 'IoT Edge': alias 'E' is shorter than 2 characters",
    ),
    'empty-definition': (
        'glossary.yml', 'definition: The cloud service that devices connect to.',
        "definition: ''",
        "data/glossary.yml:2: term 'IoT Hub': definition is empty",
    ),
    'doc-not-official': (
        'glossary.yml', 'doc: https://learn.microsoft.com/en-us/azure/iot-edge/',
        'doc: https://evil.example/',
        "data/glossary.yml:9: term 'IoT Edge': doc: must be an https://learn.microsoft.com/ address",
    ),
    'retired-in-future': (
        'changelog.yml', 'retired_on: 2023-07-31',
        'retired_on: 2099-01-01',
        'data/changelog.yml:1: retired_on: 2099-01-01 is in the future: record a retirement once it has happened',
    ),
    'update-after-retirement': (
        'changelog.yml', 'date: 2022-07-28',
        'date: 2024-01-01',
        "data/changelog.yml:3: update 2024-01-01: is after the exam's retirement on 2023-07-31",
    ),
    'unknown-kind': (
        'changelog.yml', 'kind: removed',
        'kind: deleted',
        ("data/changelog.yml:12: update 2021-05-25, change 1: kind: must be one of 'added', "
         "'modified', 'removed', 'minor revision' or 'major revision' (found 'deleted')"),
    ),
    'malformed-date': (
        'changelog.yml', 'date: 2021-05-25',
        'date: 2021-5-25',
        "data/changelog.yml:10: update 2021-5-25: date: '2021-5-25' is not a date written YYYY-MM-DD",
    ),
    'unknown-skill-id': (
        'changelog.yml', 'skill_id: create-a-hub',
        'skill_id: make-a-hub',
        "data/changelog.yml:3: update 2022-07-28, change 1: skill_id 'make-a-hub' is not a skill in data/skills.yml",
    ),
    'unknown-top-level-key': (
        'changelog.yml', 'updates:\n',
        'script: x\nupdates:\n',
        'data/changelog.yml:2: script: is not a known key (known: retired_on, updates)',
    ),
    # data/questions.yml: injections into every kind of field, and every rule of the file
    'q-script-in-scenario': (
        'questions.yml', 'scenario: A pilot needs *twins* and `C2D` messages.',
        'scenario: A pilot <script>alert(1)</script> needs twins.',
        'data/questions.yml:4: question pick-a-tier: scenario: contains HTML; write Markdown only',
    ),
    'q-img-onerror-in-why': (
        'questions.yml', 'why: It has twins.',
        'why: It has <img src=x onerror=alert(1)> twins.',
        'data/questions.yml:9: question pick-a-tier, option 1: why: contains HTML; write Markdown only',
    ),
    'q-javascript-link-in-explanation': (
        'questions.yml', '(https://learn.microsoft.com/en-us/azure/iot-hub/iot-hub-scaling).',
        '(javascript:alert(1)).',
        "data/questions.yml:16: question pick-a-tier: explanation: links to 'javascript:alert(1)'; "
        "links must start with https://",
    ),
    'q-data-url-in-why': (
        'questions.yml', 'why: A hub has nothing to reboot.',
        'why: "[Reboot](data:text/html,<b>hi</b>) it."',
        "data/questions.yml:32: question ship-a-module, option 3: why: contains HTML; write Markdown only; "
        "links to 'data:text/html,<b>hi</b>'; links must start with https://",
    ),
    'q-reference-link-in-explanation': (
        'questions.yml',
        'explanation: See [the tiers](https://learn.microsoft.com/en-us/azure/iot-hub/iot-hub-scaling).',
        'explanation: |\n    See [the tiers][t].\n\n    [t]: http://example.org/',
        "data/questions.yml:16: question pick-a-tier: explanation: links to 'http://example.org/'; "
        "links must start with https://",
    ),
    'q-attr-list-in-scenario': (
        'questions.yml', 'scenario: A module must reach one device.',
        'scenario: "A module must reach one device.\\n{: onmouseover=\\"alert(1)\\" }"',
        'data/questions.yml:21: question ship-a-module: scenario: contains an attribute list ({: …}); '
        'these are not allowed',
    ),
    'q-html-in-prompt': (
        'questions.yml', 'prompt: Which tier fits?',
        'prompt: Which </title><svg onload=alert(1)> tier fits?',
        'data/questions.yml:5: question pick-a-tier: prompt: is plain text: HTML is not allowed',
    ),
    'q-html-in-option': (
        'questions.yml', 'text: Standard',
        'text: Standard</li><script>alert(1)</script>',
        'data/questions.yml:7: question pick-a-tier, option 1: text: is plain text: HTML is not allowed',
    ),
    'q-control-char-in-prompt': (
        'questions.yml', 'prompt: Which two steps?',
        'prompt: "Which\\x02 two steps?"',
        'data/questions.yml:22: question ship-a-module: prompt: contains the control character U+0002; remove it',
    ),
    'q-duplicate-id': (
        'questions.yml', '- id: ship-a-module',
        '- id: pick-a-tier',
        'data/questions.yml:18: question pick-a-tier: id is already used by the question on line 1',
    ),
    'q-id-with-markup': (
        'questions.yml', '- id: ship-a-module',
        '- id: \'x" onclick="alert(1)\'',
        'data/questions.yml:18: question x" onclick="alert(1): id: must be lowercase letters and digits in '
        'words joined by hyphens (found \'x" onclick="alert(1)\')',
    ),
    'q-bool-area': (
        'questions.yml', '  area: 1\n',
        '  area: true\n',
        'data/questions.yml:2: question pick-a-tier: area: must be a whole number (found True)',
    ),
    'q-unknown-area': (
        'questions.yml', '  area: 2\n',
        '  area: 9\n',
        'data/questions.yml:19: question ship-a-module: area 9 is not an area in data/areas.yml',
    ),
    'q-unknown-skill': (
        'questions.yml', 'skills: [create-a-hub]',
        'skills: [create-a-hub, constructor]',
        'data/questions.yml:3: question pick-a-tier: skill constructor is not a skill in data/skills.yml',
    ),
    'q-skill-of-other-area': (
        'questions.yml', 'skills: [create-a-hub]',
        'skills: [deploy-a-module]',
        'data/questions.yml:3: question pick-a-tier: skill deploy-a-module belongs to area 2, not area 1',
    ),
    'q-unknown-field': (
        'questions.yml', '  doc: https://github.com/Azure/iotedge\n',
        '  doc: https://github.com/Azure/iotedge\n  onclick: alert(1)\n',
        'data/questions.yml:34: question ship-a-module: onclick: is not a known field (a typo?)',
    ),
    'q-missing-doc': (
        'questions.yml', '  doc: https://github.com/Azure/iotedge\n',
        '',
        'data/questions.yml:18: question ship-a-module: doc: is required',
    ),
    'q-too-few-options': (
        'questions.yml', '    - text: Reboot the hub\n      correct: false\n      why: A hub has nothing to reboot.\n',
        '',
        'data/questions.yml:24: question ship-a-module: has 2 options; give 3 to 5',
    ),
    'q-no-correct-option': (
        'questions.yml', 'text: Standard\n      correct: true',
        'text: Standard\n      correct: false',
        'data/questions.yml:7: question pick-a-tier: no option is marked correct: true',
    ),
    'q-correct-as-text': (
        'questions.yml', 'text: Standard\n      correct: true',
        'text: Standard\n      correct: "true"',
        "data/questions.yml:8: question pick-a-tier, option 1: correct: must be true or false (found 'true')",
    ),
    'q-repeated-option': (
        'questions.yml', 'text: Basic',
        'text: STANDARD',
        "data/questions.yml:10: question pick-a-tier, option 2: text 'STANDARD' repeats another option",
    ),
    'q-doc-javascript': (
        'questions.yml', 'doc: https://github.com/Azure/iotedge',
        'doc: javascript:alert(1)',
        'data/questions.yml:33: question ship-a-module: doc: must be an https:// address',
    ),
    'q-doc-other-host': (
        'questions.yml', 'doc: https://github.com/Azure/iotedge',
        'doc: https://github.com.evil.example/Azure/iotedge',
        'data/questions.yml:33: question ship-a-module: doc: must point to learn.microsoft.com, '
        'azure.microsoft.com or github.com/Azure',
    ),
    'q-doc-tracking': (
        'questions.yml', 'doc: https://github.com/Azure/iotedge',
        'doc: https://github.com/Azure/iotedge?utm_source=x',
        "data/questions.yml:33: question ship-a-module: doc: has the tracking parameter 'utm_source'; remove it",
    ),
    'q-bad-retired-id': (
        'questions.yml', '  doc: https://github.com/Azure/iotedge\n',
        '  doc: https://github.com/Azure/iotedge\n  retired: Time Series Insights\n',
        'data/questions.yml:34: question ship-a-module: retired: must be lowercase letters and digits in words '
        "joined by hyphens (found 'Time Series Insights')",
    ),
    'q-duplicate-key': (
        'questions.yml', '  area: 2\n',
        '  area: 2\n  area: 1\n',
        "data/questions.yml:20: YAML: key 'area' is given twice in one mapping (first on line 19)",
    ),
    'q-python-tag': (
        'questions.yml', 'prompt: Which two steps?',
        'prompt: !!python/object/apply:os.system [echo hi]',
        'data/questions.yml:22: YAML: tag tag:yaml.org,2002:python/object/apply:os.system is not allowed in data files',
    ),
    'q-not-a-list': (
        'questions.yml', None,
        'id: pick-a-tier\narea: 1\n',
        'data/questions.yml:1: file: must be a non-empty list of questions',
    ),
    # data/exam.yml
    'exam-uppercase-prefix': (
        'exam.yml', 'storage_prefix: az220',
        'storage_prefix: AZ220',
        "data/exam.yml:2: storage_prefix: must be lowercase letters, digits and hyphens, starting with a letter "
        "(found 'AZ220')",
    ),
    'exam-script-prefix': (
        'exam.yml', 'storage_prefix: az220',
        'storage_prefix: "az220</script><script>alert(1)//"',
        "data/exam.yml:2: storage_prefix: must be lowercase letters, digits and hyphens, starting with a letter "
        "(found 'az220</script><script>alert(1)//')",
    ),
    'exam-unknown-key': (
        'exam.yml', 'storage_prefix: az220\n',
        'storage_prefix: az220\nstorage-prefix: az204\n',
        'data/exam.yml:3: storage-prefix: is not a known field (a typo?)',
    ),
    'exam-not-a-mapping': (
        'exam.yml', None,
        '- az220\n',
        'data/exam.yml:1: file: must be a mapping of keys, like code: XY-123',
    ),
    'exam-lowercase-code': (
        'exam.yml', 'code: AZ-220',
        'code: az-220',
        "data/exam.yml:3: code: must be capital letters, a hyphen and digits, like XY-123 (found 'az-220')",
    ),
    'exam-control-char-in-vendor': (
        'exam.yml', 'vendor: Microsoft',
        'vendor: "Micro\\u0007soft"',
        "data/exam.yml:5: vendor: contains the control character U+0007; remove it",
    ),
    'exam-javascript-link': (
        'exam.yml', 'exam_page: https://learn.microsoft.com/en-us/credentials/certifications/exams/az-220',
        'exam_page: "javascript:alert(1)"',
        "data/exam.yml:7: links: exam_page: must be an https:// address (found 'javascript:alert(1)')",
    ),
    'exam-doc-host-with-scheme': (
        'exam.yml', '  - learn.microsoft.com\n',
        '  - https://learn.microsoft.com/\n',
        "data/exam.yml:11: doc_hosts: [1]: must be a lowercase host name like learn.example.com, with no scheme "
        "or path (found 'https://learn.microsoft.com/')",
    ),
    'exam-legacy-host-allowed': (
        'exam.yml', '  - docs.microsoft.com\n',
        '  - azure.microsoft.com\n',
        "data/exam.yml:15: legacy_hosts: azure.microsoft.com is also in doc_hosts",
    ),
    'exam-github-owner-path': (
        'exam.yml', 'github_owner: Azure',
        'github_owner: Azure/../evil',
        "data/exam.yml:13: github_owner: must be a GitHub organisation name: letters, digits and hyphens "
        "(found 'Azure/../evil')",
    ),
    'exam-unclosed-group': (
        'exam.yml', 'exam_code_pattern: (AZ|AI|DP|SC|PL|MS|MD|MB|GH)-?(\\d{3})',
        'exam_code_pattern: (AZ-?(\\d{3})',
        "data/exam.yml:16: exam_code_pattern: is not a regular expression "
        "(missing ), unterminated subpattern at position 0)",
    ),
    'exam-one-group': (
        'exam.yml', 'exam_code_pattern: (AZ|AI|DP|SC|PL|MS|MD|MB|GH)-?(\\d{3})',
        'exam_code_pattern: AZ-?(\\d{3})',
        "data/exam.yml:16: exam_code_pattern: needs exactly two groups: the letters and the number of an exam code",
    ),
    'exam-no-code': (
        'exam.yml', 'code: AZ-220\n',
        '',
        "data/exam.yml:2: code: is required",
    ),
    'exam-alias': (
        'exam.yml', 'storage_prefix: az220\n',
        'name: &p az220\nstorage_prefix: *p\n',
        'data/exam.yml:3: YAML: alias *p is not allowed in data files: write the value out',
    ),
    'duplicate-key-retirements': (
        'retirements.yml', '  terms: [iot-edge]\n',
        '  terms: [iot-edge]\n  note: Again.\n',

        "data/retirements.yml:10: YAML: key 'note' is given twice in one mapping (first on line 7)",
    ),
    'retirement-bad-id': (
        'retirements.yml', 'id: edge-security-daemon', 'id: Edge_Daemon',
        ('data/retirements.yml:1: retirement Edge_Daemon: id: must be lowercase letters and digits in words '
         "joined by hyphens (found 'Edge_Daemon')"),
    ),
    'retirement-malformed-date': (
        'retirements.yml', 'date: 2021-04-09', 'date: 2021-4-9',
        "data/retirements.yml:4: retirement edge-security-daemon: date: '2021-4-9' is not a date written YYYY-MM-DD",
    ),
    'retirement-impossible-date': (
        'retirements.yml', 'date: 2021-04-09', 'date: 2021-02-30',
        ('data/retirements.yml:4: retirement edge-security-daemon: date: must be a date written YYYY-MM-DD (found '
         "'2021-02-30')"),
    ),
    'retirement-unknown-change': (
        'retirements.yml', 'change: renamed', 'change: moved',
        ("data/retirements.yml:3: retirement edge-security-daemon: change: must be one of 'retired' or 'renamed' "
         "(found 'moved')"),
    ),
    'retirement-renamed-without-successor': (
        'retirements.yml', '  successor: IoT Edge module runtime\n  successor_url: https://learn.microsoft.com/en-us/azure/iot-edge/iot-edge-security-manager\n',
        '',
        'data/retirements.yml:1: retirement edge-security-daemon: a renamed entry needs the new name in successor',
    ),
    'retirement-javascript-url': (
        'retirements.yml', 'successor_url: https://learn.microsoft.com/en-us/azure/iot-edge/iot-edge-security-manager',
        'successor_url: javascript:alert(1)',
        ('data/retirements.yml:6: retirement edge-security-daemon: successor_url: must be an https:// address '
         "(found 'javascript:alert(1)')"),
    ),
    'retirement-names-nothing': (
        'retirements.yml', '  skills: [deploy-a-module]\n  terms: [iot-edge]\n', '',
        ('data/retirements.yml:1: retirement edge-security-daemon: names no skills, groups or terms: say where '
         'the notice belongs'),
    ),
    'retirement-unknown-skill': (
        'retirements.yml', 'skills: [deploy-a-module]', 'skills: [deploy-module]',
        ("data/retirements.yml:8: retirement edge-security-daemon: skill 'deploy-module' is not a skill id in "
         'data/skills.yml'),
    ),
    'retirement-unknown-group': (
        'retirements.yml', '  terms: [iot-edge]\n', '  terms: [iot-edge]\n  groups: [Run module]\n',
        ("data/retirements.yml:10: retirement edge-security-daemon: group 'Run module' is not a skill group in "
         'data/skills.yml'),
    ),
    'retirement-unknown-term': (
        'retirements.yml', 'terms: [iot-edge]', 'terms: [iot-edges]',
        "data/retirements.yml:9: retirement edge-security-daemon: term 'iot-edges' is not a glossary term id",
    ),
    'retirement-duplicate-id': (
        'retirements.yml', 'terms: [iot-edge]\n', 'terms: [iot-edge]\n' + RETIREMENTS,
        'data/retirements.yml:10: retirement edge-security-daemon: id is used more than once',
    ),
    'retirement-control-char': (
        'retirements.yml', 'what: IoT Edge security daemon', 'what: "IoT Edge\\u0007daemon"',
        ('data/retirements.yml:2: retirement edge-security-daemon: what: contains the control character U+0007; '
         'remove it'),
    ),
    'retirement-unknown-field': (
        'retirements.yml', '  terms: [iot-edge]\n', '  terms: [iot-edge]\n  onclick: alert(1)\n',
        'data/retirements.yml:10: retirement edge-security-daemon: onclick: is not a known field (a typo?)',
    ),
    'retirements-mapping-not-list': (
        'retirements.yml', None, 'id: x\n',
        'data/retirements.yml:1: file: must be a list of retired or renamed things',
    ),
    'lab-bool-number': (
        'labs.yml', 'number: 7', 'number: true',
        "data/labs.yml:9: lab 'Deploy a module': number: must be a whole number (found True)",
    ),
    'lab-string-area': (
        'labs.yml', 'areas: [2]', "areas: ['2']",
        "data/labs.yml:12: lab 07 (Deploy a module): areas[1]: must be a whole number (found '2')",
    ),
    'lab-unknown-area': (
        'labs.yml', 'areas: [2]', 'areas: [2, 3]',
        'data/labs.yml:12: lab 07 (Deploy a module): area 3 is not an area in data/areas.yml',
    ),
    'lab-unknown-group': (
        'labs.yml', 'groups: [Run modules]', 'groups: [Run module]',
        "data/labs.yml:13: lab 07 (Deploy a module): group 'Run module' is not a skill group in data/skills.yml",
    ),
    'lab-group-of-other-area': (
        'labs.yml', 'groups: [Run modules]', 'groups: [Run modules, Set up hubs]',
        "data/labs.yml:13: lab 07 (Deploy a module): group 'Set up hubs' belongs to area 1, which areas does not list",
    ),
    'lab-unknown-retirement': (
        'labs.yml', 'retirements: [edge-security-daemon]', 'retirements: [edge-daemon]',
        "data/labs.yml:17: lab 07 (Deploy a module): retirement 'edge-daemon' is not an id in data/retirements.yml",
    ),
    'lab-duplicate-number': (
        'labs.yml', 'number: 7', 'number: 2',
        'data/labs.yml:9: lab 02 (Deploy a module): is listed more than once',
    ),
    'lab-javascript-url': (
        'labs.yml', 'url: https://github.com/MicrosoftLearning/AZ-220-Microsoft-Azure-IoT-Developer/blob/master/lab07.md',
        'url: javascript:alert(1)',
        "data/labs.yml:11: lab 07 (Deploy a module): url: must be an https:// address (found 'javascript:alert(1)')",
    ),
    'lab-empty-covers': (
        'labs.yml', 'covers: Create a hub in the portal.', "covers: ' '",
        'data/labs.yml:6: lab 02 (Create a hub): covers: must not be empty',
    ),
    'lab-missing-cost': (
        'labs.yml', '  cost: The VM and the hub.\n', '',
        'data/labs.yml:9: lab 07 (Deploy a module): cost: is required',
    ),
    'lab-unknown-field': (
        'labs.yml', '  needs: A Linux VM.\n', '  needs: A Linux VM.\n  onclick: alert(1)\n',
        'data/labs.yml:16: lab 07 (Deploy a module): onclick: is not a known field (a typo?)',
    ),
    'lab-control-char': (
        'labs.yml', 'title: Deploy a module', 'title: "Deploy\\x1ba module"',
        'data/labs.yml:10: lab 07 (Deploy\\x1ba module): title: contains the control character U+001B; remove it',
    ),
    'empty-labs-file': (
        'labs.yml', None, '',
        'data/labs.yml: file: must be a non-empty list of labs',
    ),
    'tips-too-few': (
        'pitfalls.yml', '    - Partitions are fixed when the hub is made.\n', '',
        'data/pitfalls.yml:3: area 1: has 3 tips; each area needs 4 to 8',
    ),
    'tips-too-many': (
        'pitfalls.yml', '    - The agent starts the hub module.\n',
        '    - The agent starts the hub module.\n' + '    - Another tip.\n' * 5,
        'data/pitfalls.yml:9: area 2: has 9 tips; each area needs 4 to 8',
    ),
    'tips-empty-tip': (
        'pitfalls.yml', '    - A basic hub has no twins.', "    - ''",
        'data/pitfalls.yml:4: area 1: tips[2]: must not be empty',
    ),
    'tips-list-as-tip': (
        'pitfalls.yml', '    - A basic hub has no twins.', '    - [A basic hub]',
        "data/pitfalls.yml:4: area 1: tips[2]: must be text (found ['A basic hub'])",
    ),
    'tips-unknown-area': (
        'pitfalls.yml', '- area: 2', '- area: 3',
        'data/pitfalls.yml:7: area 3: is not an area in data/areas.yml',
    ),
    'tips-duplicate-area': (
        'pitfalls.yml', '- area: 2', '- area: 1',
        'data/pitfalls.yml:7: area 1: is listed more than once',
    ),
    'tips-bool-area': (
        'pitfalls.yml', '- area: 2', '- area: yes',
        'data/pitfalls.yml:7: entry 2: area: must be a whole number (found True)',
    ),
    'tips-missing-area': (
        'pitfalls.yml', None, PITFALLS.split('- area: 2')[0],
        'data/pitfalls.yml: area 2: has no tips (each area needs 4 to 8)',
    ),
    'tips-mapping-not-list': (
        'pitfalls.yml', None, 'area: 1\n',
        'data/pitfalls.yml:1: file: must be a list of areas with their tips',
    ),
}


@pytest.mark.parametrize(("file", "old", "new", "expected"), EDITS.values(), ids=EDITS.keys())
def test_one_hostile_edit_gives_one_exact_report(
    tmp_path: Path, file: str, old: str | None, new: str, expected: str
) -> None:
    text = new if old is None else edit(DATA[file], old, new)
    assert report(tmp_path, {file: text}) == expected

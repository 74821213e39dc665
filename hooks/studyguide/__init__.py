"""A study-guide site generator: pure, typed functions over a guide's data, one Python-Markdown
extension (``studyguide.extension``) that any builder runs, and thin adapters for the rest.
"""

import time

# When this copy of the package was imported: ``studyguide.reload`` compares source files to it.
IMPORTED_AT = time.time()

"""Pure, typed logic behind the site's MkDocs hooks.

The hook modules in ``hooks/`` only dispatch MkDocs events to the functions
in this package, so everything here can be unit-tested without a build.
"""

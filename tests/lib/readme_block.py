# SPDX-License-Identifier: GPL-2.0-or-later
"""Generated blocks in Markdown files: the text between
<!-- NAME:begin --> and <!-- NAME:end --> is replaced, the rest kept."""
import os


def splice(path, name, body):
    """Replace block NAME in path with body. False when the markers are missing."""
    with open(path) as f:
        text = f.read()
    begin, end = "<!-- %s:begin -->\n" % name, "<!-- %s:end -->" % name
    a, b = text.find(begin), text.find(end)
    if a < 0 or b < a:
        return False
    with open(path + ".tmp", "w") as f:
        f.write(text[:a + len(begin)] + body + text[b:])
    os.replace(path + ".tmp", path)
    return True

# SPDX-License-Identifier: GPL-2.0-or-later
"""The part of pyspellchecker's interface Wireshark's tools/check_spelling.py
uses, over Debian's English word list (wamerican): pyspellchecker is not
packaged for Debian, the checker's logic stays Wireshark's own."""
import os

WORDS = "/usr/share/dict/american-english"


class _Frequency:
    def __init__(self, words):
        self._words = words

    def load_text_file(self, path):
        with open(path, errors="replace") as f:
            for line in f:
                for w in line.split():
                    self._words.add(w.lower())

    def load_words(self, words):
        self._words.update(w.lower() for w in words)


class SpellChecker:
    def __init__(self, *args, **kwargs):
        self._words = set()
        if os.path.exists(WORDS):
            with open(WORDS, errors="replace") as f:
                self._words.update(line.strip().lower() for line in f if line.strip())
        self.word_frequency = _Frequency(self._words)

    def known(self, words):
        return {w for w in words if w.lower() in self._words}

    def unknown(self, words):
        return {w for w in words if w.lower() not in self._words}

    def correction(self, word):
        return word

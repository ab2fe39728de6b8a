"""Language identification: script routing first, then a statistical detector for Latin script."""

from pipeline.langid.detect import LanguageGuess, detect_language, detect_languages, dominant_script

__all__ = ["LanguageGuess", "detect_language", "detect_languages", "dominant_script"]

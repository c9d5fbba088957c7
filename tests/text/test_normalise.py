"""bot.text.normalise directly: folding, words, chat markup, and synonym concepts."""

from bot.text.normalise import Normalizer, fold, strip_markup, words


def test_fold_drops_case_accents_and_compatibility_forms():
    assert fold("Étiquette") == "etiquette"
    assert fold("ﬁchier") == "fichier"
    assert fold("ASCII only") == "ascii only"


def test_words_are_folded_with_elisions_removed_in_order():
    assert words("L'image d'un conteneur") == ["image", "un", "conteneur"]


def test_chat_mentions_are_stripped_and_plain_text_kept():
    assert "<@" not in strip_markup("<@123> comment créer une image ?")
    assert strip_markup("sans balise") == "sans balise"


def test_a_course_synonym_group_makes_one_concept():
    plain = Normalizer()
    assert plain.concepts("conteneur") != plain.concepts("boite")
    joined = Normalizer([["conteneur", "boite"]])
    assert joined.concepts("conteneur") == joined.concepts("boite")


def test_general_synonyms_meet_across_languages():
    normalizer = Normalizer()
    assert normalizer.concepts("supprimer") == normalizer.concepts("delete")

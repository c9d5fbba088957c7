"""General language knowledge for French and English: stop words, question words, small talk,
and common technical word pairs. Nothing here belongs to one course: a course's own vocabulary
goes in its ``synonyms.yaml``.
"""

from __future__ import annotations

# Words that carry no topic. Folded (no accents), after elision removal.
STOP_WORDS_FR = set(
    """
    a au aux avec ce ces cet cette ceci cela ca dans de des du elle elles en et eux il ils je
    la le les leur leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour
    qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous y ete etre est sont
    suis es etes sommes ai as avons avez ont avait etait fait faire faut peut peux pouvez
    puis veux voudrais voulez dois doit devrait quel quelle quels quelles quoi est-ce estce
    donc alors aussi tres plus moins bien tout tous toute toutes autre autres comme si sans
    sous entre vers chez cest sa ici la-bas voici voila ya ilya
    quand ou combien lequel laquelle lesquels
    j l d c s t m n
    koi kwa quoa cke ke kel kelle jsp jpp stp svp plz pls mdr lol tkt wsh bah ben euh bon
    mec frere gars sil slt cad dc pr ptn jarrive narrive arrive comprend comprends comprendre
    sais savoir explique expliquer expliquez explication dire dis dites aide aider besoin
    veut question truc machin chose choses genre vraiment exactement svp merci
    """.split()
)

STOP_WORDS_EN = set(
    """
    a an the and or but if of to in on at by for with from into onto about as is are was were
    be been being am do does did doing have has had having i me my we our you your he she it
    its they them their this that these those there here what which who whom whose when where
    can could should would will shall may might must need want wanna gonna please pls thanks
    so than too very just also not no yes any some all each every both more most other such
    own same only then once again ever really actually exactly thing things stuff way ok okay
    tell explain mean means meaning know understand get got getting help between beaucoup bcp
    """.split()
)

STOP_WORDS = STOP_WORDS_FR | STOP_WORDS_EN

# Question intent is kept as a weak concept: "why X" and "how X" point to different sections.
INTENT_WORDS = {
    "pourquoi": "_why",
    "pk": "_why",
    "pq": "_why",
    "why": "_why",
    "comment": "_how",
    "cmt": "_how",
    "how": "_how",
}

# Comparison cues: every wording of "the difference between" becomes one concept.
COMPARISON_WORDS = {
    "vs", "versus", "diff", "difference", "differences", "differencier", "distinguer",
    "distinction", "compare", "comparer", "comparaison", "comparison", "contre",
}

ELISIONS = (
    "l", "d", "qu", "c", "j", "n", "s", "t", "m", "jusqu", "lorsqu", "puisqu", "quoiqu",
)

# Small talk: a message made only of these words (and stop words) is not a course question.
SMALL_TALK = {
    "greeting": set(
        "bonjour bonsoir salut coucou hello hi hey yo hola bjr slt cc re wesh".split()
    ),
    "thanks": set("merci thanks thank thx mrc ty cool super parfait genial top nickel".split()),
    "identity": set("qui bot robot ia ai humain human es t'es tes toi yourself".split()),
    "bye": set("bye ciao aurevoir revoir tchao a+ ++".split()),
}

# General technical vocabulary, English <-> French, as groups; the first word is canonical.
GENERAL_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("supprimer", "delete", "remove", "effacer", "enlever", "rm", "suppression", "removal"),
    ("creer", "create", "creation", "creating", "make", "fabriquer"),
    ("fichier", "file", "files"),
    ("dossier", "folder", "directory", "repertoire", "dir"),
    ("lister", "list", "liste", "listing", "afficher", "voir", "show", "display", "see"),
    ("demarrer", "start", "lancer", "launch", "demarrage", "starting", "run", "running",
     "executer", "execute", "execution", "tourner"),
    ("arreter", "stop", "stopper", "arret", "stopping", "halt"),
    ("installer", "install", "installation", "setup"),
    ("mettre a jour", "update", "upgrade", "maj", "mise a jour"),
    ("telecharger", "download", "pull", "recuperer", "fetch"),
    ("envoyer", "upload", "pousser", "push", "publier", "publish"),
    ("partager", "share", "sharing", "partage"),
    ("construire", "build", "construction", "building", "compiler"),
    ("reseau", "network", "networks", "networking", "reseaux", "reseautage"),
    ("memoire", "memory", "ram"),
    ("disque", "disk", "stockage", "storage"),
    ("donnee", "data", "donnees"),
    ("securite", "security", "secure", "securiser"),
    ("utilisateur", "user", "users"),
    ("mot de passe", "password", "mdp"),
    ("compte", "account"),
    ("erreur", "error", "bug", "probleme", "problem", "issue", "plante", "crash"),
    ("journal", "log", "logs", "journaux"),
    ("surveiller", "monitor", "monitoring", "surveillance"),
    ("variable", "variables", "var"),
    ("environnement", "environment", "env"),
    ("machine", "machines", "host", "hote"),
    ("serveur", "server"),
    ("base de donnees", "database", "bdd", "db"),
    ("sauvegarde", "backup", "sauvegarder"),
    ("permission", "permissions", "droit", "droits", "access rights"),
    ("taille", "size", "poids"),
    ("copier", "copy", "copie"),
    ("connecter", "connect", "connexion", "connection", "relier", "brancher"),
    ("acceder", "access", "acces"),
    ("avantage", "advantage", "benefit", "benefits", "interet", "atout"),
    ("inconvenient", "drawback", "disadvantage", "limite", "limitation", "limitations"),
    ("exemple", "example", "examples"),
    ("commande", "command", "commands", "cmd"),
    ("version", "versions", "versioning"),
    ("persistance", "persistence", "persistent", "persistant", "persister", "garder",
     "conserver", "keep"),
    ("temporaire", "temporary", "temp"),
    ("nettoyer", "clean", "cleanup", "nettoyage", "purger", "prune"),
    ("inspecter", "inspect", "details", "detail"),
    ("definition", "define", "definir"),
    ("utiliser", "use", "using", "utilisation", "usage", "servir"),
    ("gerer", "manage", "management", "gestion"),
    ("terminal", "shell", "console", "invite de commande"),
    ("port", "ports"),
    ("redemarrer", "restart", "relancer", "reboot"),
    ("optimiser", "optimize", "optimise", "optimisation", "optimization", "alleger", "reduire",
     "shrink", "smaller", "leger", "lightweight"),
    ("bonne pratique", "best practice", "best practices", "bonnes pratiques", "good practice"),
    ("application", "app", "apps", "applications", "appli"),
    ("plusieurs", "multiple", "many", "several"),
    ("annuler", "undo", "revert", "cancel", "defaire"),
    ("modifier", "modify", "change", "edit", "modification", "changes", "changement"),
    ("ligne", "line"),
)

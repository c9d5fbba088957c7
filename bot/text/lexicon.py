"""General language knowledge for French and English: stop words, question words, small talk,
and common technical word pairs. Nothing here belongs to one course: a course's own vocabulary
goes in its ``synonyms.yaml``.
"""

from __future__ import annotations


def _words(text: str) -> set[str]:
    return set(text.split())


# Words that carry no topic. Folded (no accents), after elision removal.
STOP_WORDS_FR = _words(
    """
    a ai aide aider alors arrive as au aussi autre autres aux avait avec avez avons bah ben
    besoin bien bon c ca cad ce ceci cela ces cest cet cette chez chose choses cke combien
    comme comprend comprendre comprends concretement d dans dc de deja des devrait dire dis
    dites dois doit donc du dun dune elle elles en entre es est est-ce estce et etait ete
    etes etre euh eux exactement explication explique expliquer expliquez faire fais fait
    faut faut-il fonctionne font frere gars genre ici il ils ilya info infos j jai jarrive
    jcomprend jcomprends je jpeux jpp jsais jsp jsuis jveux jvois ke kel kelle koi kwa l la
    la-bas laquelle le lequel les lesquels leur leurs lol lui m ma machin mais marche
    marchent marcher mdr me mec meme merci mes moi moins mon moyen n narrive ne nos notre
    nous on ont ou par pas permet permettent permettre peut peux pls plus plz possible pour
    pouvez pr ptn puis qu quand que quel quelle quelles quels question qui quoa quoi
    rapidement rien s sa sais savoir se sert servent servir ses si signifie signifient
    signifier sil simplement slt sommes son sont sous stp suis sur svp t ta te tes tkt toi
    ton tous tout toute toutes tres truc tu un une vers veut veux voici voila vos votre
    voudrais voulez vous vraiment wsh y ya yen depuis sait soit vaut peine lieu ceux celui
    celle celles quelque quelques coup donne donner donnent donnes
    devez devait devais devrais devons doivent devoir servi servie servis servira filer
    termine terminee terminer aller allez vais dit encore vois voit
    tt tjr tjrs tjs toujours qd kan dla dcp pcq psk parce vrmt chui jme jle jte jpense jcrois
    ske keske kesk qqch qqn qlq ds avc ac mm tlm nan ouais oue daccord dac frero bro trucs
    machins bidule bidules chelou galere galerer dsl desole quest kest keske kesako
    """
)

STOP_WORDS_EN = _words(
    """
    a about actually again all also am an and any are as at bcp be beaucoup been being
    between both but by can could did do does doing done each ever every exactly explain for
    from get getting go going gonna got had has have having he help here i if in into is it
    its just know made make makes may me mean meaning means might more most must my need no
    not of ok okay on once only onto or other our own please pls possible really same shall
    she should so some stuff such tell than thanks that the their them then there these they
    thing things this those to too understand use used very wanna want was way ways we were
    what when where which who whom whose will with work working works would yes you your
    give find come came out even already still yet
    """
)

STOP_WORDS = STOP_WORDS_FR | STOP_WORDS_EN

# Question intent is kept as a weak concept: "why X" and "how X" point to different sections.
INTENT_WORDS = {
    "pourquoi": "_why",
    "pk": "_why",
    "pq": "_why",
    "pourkoi": "_why",
    "why": "_why",
    "comment": "_how",
    "cmt": "_how",
    "how": "_how",
}

# "Which command ..." asks how to do something, like "how": the word "command" says nothing
# about which one.
INTENT_PHRASES = {
    ("quelle", "commande"): "_how",
    ("quelles", "commandes"): "_how",
    ("which", "command"): "_how",
    ("what", "command"): "_how",
    ("which", "commands"): "_how",
    ("what", "commands"): "_how",
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
    "greeting": _words(
        """
        bjr bonjour bonsoir cc coucou hello hey hi hola re salut slt wesh yo
        """
    ),
    "thanks": _words(
        """
        cool genial merci mrc nickel parfait super thank thanks thx top ty
        """
    ),
    "identity": _words(
        """
        ai bot es humain human ia qui ki robot sers t'es tes toi yourself intelligent blague
        joke
        """
    ),
    "bye": _words(
        """
        ++ a+ aurevoir bye ciao revoir tchao nuit night
        """
    ),
    # "aide", "help me": how to use the bot, not a course question.
    "help": _words(
        """
        aide aider aidez help sos
        """
    ),
}

# Who a greeting opening a message is addressed to ("hello there, ...", "salut tout le monde").
GREETING_ADDRESSEES = ("there", "everyone", "everybody", "all", "guys", "folks", "team",
                       "tous", "tout le monde", "les gens", "la team", "a tous")

# Words that only fill small talk ("bonjour tout le monde, ça va ?"): they never make a
# message a course question on their own.
SMALL_TALK_FILLER = _words(
    """
    va vas bien monde gens everyone guys all journee soiree soir matin ptdr mdr lol raconter
    are doing going fine day night good bonne bonnes
    """
)

# General technical vocabulary, English <-> French, as groups; the first word is canonical.
GENERAL_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("supprimer", "delete", "remove", "effacer", "enlever", "rm", "suppression", "removal",
     "virer", "jeter", "degager", "detruire", "destroy", "erase"),
    ("creer", "create", "creation", "creating", "make", "fabriquer"),
    ("fichier", "file", "files"),
    ("dossier", "folder", "directory", "repertoire", "dir"),
    ("lister", "list", "liste", "listing", "afficher", "voir", "show", "display", "see",
     "consulter", "regarder", "visualiser", "view"),
    ("demarrer", "start", "lancer", "launch", "demarrage", "starting", "run", "running",
     "executer", "execute", "execution", "tourner"),
    ("arreter", "stop", "stopper", "arret", "stopping", "halt", "eteindre", "couper",
     "shutdown", "shut down"),
    ("installer", "install", "installation", "setup"),
    ("mettre a jour", "update", "upgrade", "maj", "mise a jour"),
    ("telecharger", "download", "pull", "recuperer", "fetch"),
    ("envoyer", "upload", "pousser", "push", "publier", "publish"),
    ("partager", "share", "sharing", "partage"),
    ("construire", "build", "construction", "building", "compiler"),
    ("reseau", "network", "networks", "networking", "reseaux", "reseautage"),
    ("memoire", "memory", "ram"),
    ("disque", "disk", "stockage", "storage", "stocker", "store", "stored", "ranger"),
    ("donnee", "data", "donnees"),
    ("securite", "security", "secure", "securiser"),
    ("utilisateur", "user", "users"),
    ("mot de passe", "password", "mdp"),
    ("compte", "account"),
    ("erreur", "error", "bug", "probleme", "problem", "issue", "plante", "crash", "bloque",
     "casse", "broken", "stuck", "panne", "pb", "pbm", "bugue", "beug", "beugue", "buggy"),
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
    ("connecter", "connect", "connexion", "connection", "relier"),
    ("acceder", "access", "acces"),
    ("avantage", "advantage", "benefit", "benefits", "interet", "atout"),
    ("inconvenient", "drawback", "disadvantage", "limite", "limitation", "limitations"),
    ("exemple", "example", "examples"),
    ("commande", "command", "commands", "cmd"),
    ("version", "versions", "versioning"),
    ("persistance", "persistence", "persistent", "persistant", "persister", "garder",
     "conserver", "keep"),
    ("temporaire", "temporary"),
    ("nettoyer", "clean", "cleanup", "nettoyage", "purger", "prune", "menage", "vider"),
    ("inspecter", "inspect", "details", "detail", "fouiller", "examiner", "explorer",
     "explore"),
    ("definir", "define"),
    ("utiliser", "using", "utilisation", "usage"),
    ("gerer", "manage", "management", "gestion"),
    ("terminal", "shell", "console", "invite de commande"),
    ("port", "ports"),
    ("redemarrer", "restart", "relancer", "reboot", "rallumer"),
    ("optimiser", "optimize", "optimise", "optimisation", "optimization", "alleger", "reduire",
     "shrink", "smaller", "leger", "lightweight"),
    ("bonne pratique", "best practice", "best practices", "bonnes pratiques", "good practice"),
    ("application", "app", "apps", "applications", "appli"),
    ("base", "basic", "basics", "fondamental", "fondamentaux", "basique", "bases"),
    ("sans", "without"),
    ("interieur", "inside", "within", "dedans"),
    ("perdre", "lose", "lost", "perte", "loss"),
    ("option", "flag", "flags", "options", "parametre", "parameter"),
    ("ecrire", "write", "writing", "rediger"),
    ("configuration", "config", "configure", "configurer", "parametrage", "settings"),
    ("chemin", "path", "paths"),
    ("absolu", "absolute"),
    ("production", "prod"),
    ("developpement", "development", "dev", "developer", "developpeur", "developpeurs"),
    ("navigateur", "browser"),
    ("etape", "step", "steps", "etapes"),
    ("premier", "first"),
    ("personnalise", "custom", "personnalisee", "personnaliser", "customize", "perso"),
    ("equipe", "team", "collegue", "colleagues"),
    ("prive", "private", "privee"),
    ("public", "publique"),
    ("officiel", "official", "officielle"),
    ("gratuit", "free"),
    ("payant", "paid"),
    ("verifier", "check", "verify", "verification", "controler"),
    ("couche", "layer", "layers", "couches"),
    ("rapide", "fast", "quick", "faster", "vitesse", "speed", "performance", "performances",
     "perf", "perfs"),
    ("communiquer", "communicate", "talk", "parler", "echanger"),
    ("nom", "name", "names", "nommer", "naming"),
    ("renommer", "rename"),
    ("dernier", "latest", "derniere", "last", "recent"),
    ("nom d'utilisateur", "username", "user name", "login name", "pseudo"),
    ("historique", "history"),
    ("ignorer", "ignore", "exclure", "exclude"),
    ("secret", "secrets", "sensitive", "sensible", "sensibles", "confidentiel"),
    ("chiffrer", "encrypt", "encryption", "chiffrement", "crypter", "cryptage"),
    ("restreindre", "restrict", "restriction", "limiter"),
    ("monter", "mount", "mounted", "mounting", "montage"),
    ("migrer", "migrate", "migration", "deplacer", "move", "demenager"),
    ("deployer", "deploy", "deployment", "deploiement", "mise en production"),
    ("desinstaller", "uninstall"),
    ("tuer", "kill"),
    ("statistique", "stats", "statistics", "statistiques", "metrics", "metriques"),
    ("ressource", "resource", "resources", "ressources"),
    ("processeur", "cpu"),
    ("depanner", "debug", "troubleshoot", "troubleshooting", "depannage", "deboguer", "debugger"),
    ("echouer", "fail", "fails", "failed", "failure", "echec"),
    ("exposer", "expose", "exposition"),
    ("isoler", "isolate", "isolation", "isolated", "isole"),
    ("cle", "key", "keys"),
    ("valeur", "value", "values"),
    ("connexion", "login", "log in", "sign in", "authentifier", "authenticate", "authentication"),
    ("exercice", "exercise", "exercises", "lab", "tp", "travail pratique", "travaux pratiques"),
    ("resume", "summary", "recap", "recapitulatif"),
    ("machine virtuelle", "virtual machine", "vm", "vms", "machines virtuelles"),
    ("systeme d'exploitation", "operating system", "os"),
    ("ordinateur", "computer", "pc", "ordi"),
    ("interactif", "interactive", "interactivement"),
    ("processus", "process", "processes"),
    ("ecouter", "listen", "listening"),
    ("ancien", "old", "vieux", "vieille", "anciens"),
    # Data and code.
    ("colonne", "column", "columns", "colonnes"),
    ("ligne", "row", "rows", "lignes", "line", "lines"),
    ("requete", "query", "queries", "requetes"),
    # Not "sort" nor "sorting": their stem is that of "sortie" (output).
    ("trier", "tri", "ordonner", "order by"),
    ("filtrer", "filter", "filtering", "filtre", "filtres", "filters"),
    ("verrou", "lock", "locks", "locking", "verrouiller", "verrouillage", "verrous"),
    ("champ", "field", "fields", "champs"),
    ("jointure", "join", "joins", "jointures"),
    ("fusionner", "merge", "merging", "fusion"),
    ("branche", "branch", "branches"),
    ("depot", "repository", "repositories", "repo", "repos", "depots"),
    ("annuler", "undo", "cancel", "revert", "rollback", "roll back"),
    ("fonction", "function", "functions", "fonctions"),
    ("tableau", "array", "arrays", "tableaux"),
    ("orphelin", "orphan", "orphaned", "dangling", "inutilise", "unused"),
    ("espace", "space"),
    ("plein", "full"),
    ("arriere-plan", "background", "detached", "detache"),
    ("projet", "project", "projects"),
    ("semantique", "semantic"),
    ("scolaire", "school", "ecole", "universitaire", "university"),
    ("createur", "creator", "inventor", "inventeur", "created by"),
    ("annee", "year", "date"),
    ("plusieurs", "multiple", "many", "several"),
    ("annuler", "undo", "revert", "cancel", "defaire"),
    ("modifier", "modify", "change", "edit", "modification", "changes", "changement"),
    ("ligne", "line"),
)

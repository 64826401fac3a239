/* lang_fr.c — the French of every text a person reads, keyed by its English
 * (lang.h).  Québec usage: « abonnés », « portée », « publication ».
 * Sections follow where the text is used; a text used in two places is
 * here once.  printf conversions stay the same and in the same order. */
#include "sim/base/lang.h"

const portee_tr_entry_t portee_tr_fr[] = {
    /* ---- parameters (sim/results/labels.c) ---- */
    {"followers", "abonnés"},
    {"organic reach rate", "taux de portée organique"},
    {"post-to-post consistency", "constance d'une publication à l'autre"},
    {"size elasticity of reach", "élasticité de la portée à la taille"},
    {"reference page size", "taille de page de référence"},
    {"follower-to-follower consistency", "constance d'un abonné à l'autre"},
    {"engagement rate", "taux d'engagement"},
    {"posts per week", "publications par semaine"},
    {"platform", "plateforme"},
    {"share rate", "taux de partage"},
    {"median friends of a sharer", "amis médians d'une personne qui partage"},
    {"spread of friend counts", "dispersion du nombre d'amis"},
    {"friend limit", "limite d'amis"},
    {"friends seeing a share", "amis qui voient un partage"},
    {"reachable population", "population atteignable"},
    {"share generations (cap)", "générations de partages (plafond)"},
    {"hours followed", "heures suivies"},
    {"mean delay before a post is seen", "délai moyen avant qu'une publication soit vue"},
    {"weeks of the posting plan", "semaines du plan de publication"},
    {"posts-seen table size", "taille du tableau des publications vues"},
    {"follow rate of people reached by shares", "taux d'abonnement des personnes atteintes par les partages"},
    {"weekly unfollow rate", "taux de désabonnement hebdomadaire"},
    {"audience size", "taille de l'auditoire"},
    {"audience innovation (Bass p)", "innovation de l'auditoire (p de Bass)"},
    {"audience imitation (Bass q)", "imitation de l'auditoire (q de Bass)"},
    {"audience on the platform at the start", "auditoire présent sur la plateforme au départ"},
    {"organisations", "organisations"},
    {"organisations' innovation (Bass p)", "innovation des organisations (p de Bass)"},
    {"organisations' imitation (Bass q)", "imitation des organisations (q de Bass)"},
    {"pull of the audience on organisations", "attrait de l'auditoire sur les organisations"},
    {"organisations on the platform at the start", "organisations présentes sur la plateforme au départ"},
    {"years simulated", "années simulées"},
    {"steps a year", "pas par année"},
    {"years of delay compared", "années de retard comparées"},
    {"yearly follow rate", "taux d'abonnement annuel"},
    {"reach lost to competing pages", "portée perdue au profit des pages concurrentes"},
    {"budget", "budget"},
    {"CPM", "CPM"},
    {"auction noise", "bruit des enchères"},
    {"target audience", "auditoire cible"},
    {"targeting precision", "précision du ciblage"},
    {"exposure spread (NBD k)", "dispersion de l'exposition (k de la BNB)"},
    {"frequency cap", "plafond de répétition"},
    {"people outside the target", "personnes hors de la cible"},
    {"followers in the target", "abonnés dans la cible"},
    {"paid engagement rate", "taux d'engagement payé"},
    {"paid follow rate", "taux d'abonnement payé"},
    {"weeks of follower lift", "semaines de gain d'abonnés"},
    {"campaign weeks", "semaines de campagne"},
    {"carry-over (adstock)", "rémanence (adstock)"},
    {"frequency bins", "classes de répétition"},

    /* ---- outputs (sim/results/labels.c) ---- */
    {"direct reach", "portée directe"},
    {"reach through shares", "portée par les partages"},
    {"reach of one post", "portée d'une publication"},
    {"engagements", "engagements"},
    {"shares", "partages"},
    {"share cascade R", "R de la cascade de partages"},
    {"cascades cut short", "cascades interrompues"},
    {"reach so far", "portée cumulée"},
    {"followers reached in the week", "abonnés atteints dans la semaine"},
    {"followers reached so far", "abonnés atteints jusqu'ici"},
    {"impressions in the week", "impressions de la semaine"},
    {"direct impressions in the week", "impressions directes de la semaine"},
    {"posts seen per follower reached", "publications vues par abonné atteint"},
    {"engagements in the week", "engagements de la semaine"},
    {"new followers in the week", "nouveaux abonnés de la semaine"},
    {"followers lost in the week", "abonnés perdus dans la semaine"},
    {"followers by posts seen", "abonnés selon les publications vues"},
    {"years until 10 % of the audience", "années avant 10 % de l'auditoire"},
    {"years until 50 % of the audience", "années avant 50 % de l'auditoire"},
    {"years until 90 % of the audience", "années avant 90 % de l'auditoire"},
    {"years until 10 % of organisations", "années avant 10 % des organisations"},
    {"years until 50 % of organisations", "années avant 50 % des organisations"},
    {"years until 90 % of organisations", "années avant 90 % des organisations"},
    {"organisations' lag behind the audience", "retard des organisations sur l'auditoire"},
    {"audience on the platform", "auditoire sur la plateforme"},
    {"organisations on the platform", "organisations sur la plateforme"},
    {"organisations joining", "organisations qui arrivent"},
    {"organic reach rate per post", "taux de portée organique par publication"},
    {"followers at the horizon", "abonnés à l'horizon"},
    {"reach until the horizon", "portée jusqu'à l'horizon"},
    {"reach lost by joining later", "portée perdue en arrivant plus tard"},
    {"impressions", "impressions"},
    {"spend", "dépense"},
    {"paid reach", "portée payée"},
    {"target reach", "portée dans la cible"},
    {"incremental reach", "portée additionnelle"},
    {"organic reach", "portée organique"},
    {"total reach", "portée totale"},
    {"cost per 1,000 people added", "coût par 1 000 personnes ajoutées"},
    {"paid engagements", "engagements payés"},
    {"followers gained", "abonnés gagnés"},
    {"organic lift", "gain organique"},
    {"people by times shown", "personnes selon le nombre d'expositions"},
    {"paid reach so far", "portée payée cumulée"},
    {"incremental reach so far", "portée additionnelle cumulée"},

    /* ---- units (sim/results/labels.c) ---- */
    {"people", "personnes"},
    {"people x posts", "personnes x publications"},
    {"impressions per person", "impressions par personne"},
    {"posts", "publications"},
    {"%c per 1,000 impressions", "%c par 1 000 impressions"},
    {"%c per 1,000 people", "%c par 1 000 personnes"},
    {"% of followers", "% des abonnés"},
    {"% of the target", "% de la cible"},
    {"% of impressions", "% des impressions"},
    {"% per week", "% par semaine"},
    {"years", "années"},
    {"weeks", "semaines"},
    {"hours", "heures"},
    {"per year", "par année"},
    {"posts per person", "publications par personne"},

    /* ---- the report (plots/report*.c, plots/captions.c) ---- */
    /* (end of this section) */


    /* ---- reach charts, sweep charts, tornado, shared chart texts (plots/charts_reach.c, charts_sweep.c, chart_common.c, tics.c) ---- */
    /* (end of this section) */


    /* ---- boost, adoption and fit charts (plots/charts_boost.c, charts_adoption.c, charts_fit*.c) ---- */
    /* (end of this section) */


    /* ---- tables, exports and the run's messages (sim/results/report*.c, export*.c, sim/cli/cmd_info.c, cmd_export.c, cmd_run.c) ---- */
    {"(unnamed scenario)", "(scénario sans nom)"},
    {"  %s replicates x %s %s, seed %llu, %llu %s, %s s  [%s]\n",
     "  %s répétitions x %s %s, graine %llu, %llu %s, %s s  [%s]\n"},
    {"point", "point"},
    {"points", "points"},
    {"thread", "fil"},
    {"threads", "fils"},
    {"  shard %llu/%llu of the sweep: %llu of its %llu points%s (%llu in the whole "
     "sweep); join the parts with portee merge\n",
     "  partie %llu/%llu du balayage : %llu de ses %llu points%s (%llu dans tout le "
     "balayage) ; réunissez les parties avec portee merge\n"},
    {", INCOMPLETE", ", INCOMPLÈTE"},
    {"  INCOMPLETE (interrupted): %llu of %llu points; finish it with the same "
     "portee run command and --resume\n",
     "  INCOMPLET (interrompu) : %llu points sur %llu ; terminez-le avec la même "
     "commande portee run et --resume\n"},
    {"warning:", "avertissement :"},
    {" point %llu", " point %llu"},
    {": %s mean %s, 95 %% quantile %s: %s\n", " : %s moyenne %s, quantile à 95 %% %s : %s\n"},
    {"warning: %s: the same for %llu more points (portee info --format csv "
     "lists them)\n",
     "avertissement : %s : de même pour %llu autres points (portee info --format csv "
     "les liste)\n"},
    {"  point %llu: %s\n", "  point %llu : %s\n"},
    {"output", "sortie"},
    {"unit", "unité"},
    {"mean", "moyenne"},
    {"sd", "é.-t."},
    {"se", "e.s."},
    {"\n%s series: mean [5 %% to 95 %%] at some steps (every step: portee export %s "
     "-o steps.csv)\n",
     "\n%s, séries : moyenne [5 %% à 95 %%] à quelques pas (tous les pas : portee export %s "
     "-o pas.csv)\n"},
    {"mean and sd over replicates; se = Monte Carlo standard error of the mean; "
     "pNN = NN % quantile",
     "moyenne et écart-type (é.-t.) sur les répétitions ; e.s. = erreur standard Monte-Carlo de la "
     "moyenne ; pNN = quantile à NN %"},
    {"\n%s: %s, mean and 90 %% range, one row per point\n",
     "\n%s : %s, moyenne et intervalle à 90 %%, une ligne par point\n"},
    {"90 % range", "intervalle à 90 %"},
    {"every output of point N: --point N; of every point: --all; "
     "another output: --output NAME",
     "toutes les sorties du point N : --point N ; de tous les points : --all ; "
     "une autre sortie : --output NOM"},
    {"  %s %llu: %s [%s\xe2\x80\x93%s]", "  %s %llu : %s [%s\xe2\x80\x93%s]"},
    {"hour", "heure"},
    {"week", "semaine"},
    {"year", "année"},
    {"adoption year", "année d'adoption"},
    {"exposures", "expositions"},
    {"step", "pas"},
    {"post", "publication"},
    {"time", "temps"},
    {"share", "part"},
    {"model", "modèle"},
    {"label", "libellé"},
    {"step kind", "type de pas"},
    {"n", "n"},
    {"lo95", "bas95"},
    {"hi95", "haut95"},
    {"share (0 to 1)", "part (0 à 1)"},
    {"section", "section"},
    {"parameter", "paramètre"},
    {"value", "valeur"},
    {"distribution or sweep", "loi ou balayage"},
    {"inputs", "entrées"},
    {"swept: %zu values, %s to %s", "balayé : %zu valeurs, de %s à %s"},
    {"estimate", "estimation"},
    {"residual sum of squares", "somme des carrés des résidus"},
    {"root mean square error", "erreur quadratique moyenne"},
    {"R squared", "R carré"},
    {"residual standard deviation", "écart-type des résidus"},
    {"degrees of freedom", "degrés de liberté"},
    {"observed", "observé"},
    {"fitted curve", "courbe ajustée"},
    {"forecast (with noise)", "prévision (avec bruit)"},
    {"forecast of the curve", "prévision de la courbe"},
    {"when the share is reached", "date où la part est atteinte"},
    {"predicted direct reach", "portée directe prédite"},
    {"portee: wrote %s (%llu rows)\n", "portee : %s écrit (%llu lignes)\n"},
    {"%.0f s", "%.0f s"},
    {"%.0f min", "%.0f min"},
    {"%.1f h", "%.1f h"},
    {"\rportee: %s of %s points, %s replicates/s, about %s left \033[K",
     "\rportee : %s points sur %s, %s répétitions/s, environ %s restantes \033[K"},
    /* (end of this section) */


    /* ---- comparison charts (plots/compare.c) ---- */
    /* (end of this section) */
};

const size_t portee_tr_fr_n = sizeof portee_tr_fr / sizeof *portee_tr_fr;

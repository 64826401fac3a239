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
    /* (end of this section) */


    /* ---- comparison charts (plots/compare.c) ---- */
    {"%s: the scenarios compared", "%s : comparaison des scénarios"},
    {" (point 1 of %llu: %s)", " (point 1 sur %llu\u00a0: %s)"}, /* no line break before the colon */
    {"box: middle half of the replicates (25-75 %); whiskers: 90 % (5-95 %); line: median; dot: mean",
     "boîte : moitié centrale des répétitions (25-75 %) ; moustaches : 90 % (5-95 %) ; trait : médiane ; "
     "point : moyenne"},
    {"lines: mean of the replicates; shaded: 90 % of them (5-95 %)",
     "lignes : moyenne des répétitions ; zone ombrée : 90 % d'entre elles (5-95 %)"},
    {"hours after posting", "heures après la publication"},
    {"weeks since the start", "semaines depuis le début"},
    {"years since the start", "années depuis le début"},
    {"times shown (the last value: that many or more)", "nombre d'expositions (dernière valeur : autant ou plus)"},
    {"posts seen (the last value: that many or more)", "publications vues (dernière valeur : autant ou plus)"},
    {"year the organisation joins", "année d'arrivée de l'organisation"},
    {"step of the series", "pas de la série"},
    /* (end of this section) */
};

const size_t portee_tr_fr_n = sizeof portee_tr_fr / sizeof *portee_tr_fr;

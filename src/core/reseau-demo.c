/* reseau-demo.c — a generated, realistic French-speaking freelance network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reseau-contact.h"
#include "reseau-demo.h"

/* The network is made for demos, screenshots and benchmarks. Everything
 * comes from one small PRNG seeded by the caller (never g_random, which is
 * shared with the rest of the process), so the same seed gives the same
 * contacts, UIDs included. Dates of meeting are counted back from today so
 * that the network never looks stale; only they depend on the day. */

#define DAYS_IN_FIVE_YEARS (5 * 365)
#define UID_SIZE (sizeof "urn:uuid:" + 36)

/* ------------------------------------------------------------------------
 * The PRNG: PCG32 (O'Neill), small, fast and good enough for names.
 * --------------------------------------------------------------------- */

typedef struct
{
  guint64 state;
  guint64 increment;
} DemoRng;

static guint32
rng_next (DemoRng *rng)
{
  guint64 old = rng->state;
  guint32 xorshifted;
  guint32 rotation;

  rng->state = old * G_GUINT64_CONSTANT (6364136223846793005) + rng->increment;
  xorshifted = (guint32) (((old >> 18) ^ old) >> 27);
  rotation = (guint32) (old >> 59);

  return (xorshifted >> rotation) | (xorshifted << ((32 - rotation) & 31));
}

static void
rng_init (DemoRng *rng,
          guint32  seed)
{
  /* The stream constant spells "Reseau"; any odd increment works. */
  rng->state = 0;
  rng->increment = (G_GUINT64_CONSTANT (0x526573656175) << 1) | 1;
  rng_next (rng);
  rng->state += seed;
  rng_next (rng);
}

/* A number in [0, bound); the multiply-shift keeps it cheap and its bias is
 * far below anything a demo could show. */
static guint
rng_below (DemoRng *rng,
           guint    bound)
{
  g_assert (bound > 0);

  return (guint) (((guint64) rng_next (rng) * bound) >> 32);
}

static gboolean
rng_percent (DemoRng *rng,
             guint    percent)
{
  return rng_below (rng, 100) < percent;
}

static guint
rng_between (DemoRng *rng,
             guint    low,
             guint    high)
{
  return low + rng_below (rng, high - low + 1);
}

/* ------------------------------------------------------------------------
 * Word lists.
 * --------------------------------------------------------------------- */

typedef struct
{
  const char * const *words;
  guint               n_words;
} WordList;

#define WORD_LIST(array) { array, G_N_ELEMENTS (array) }
#define PICK(rng, array) ((array)[rng_below ((rng), G_N_ELEMENTS (array))])

static const char *
pick_word (DemoRng        *rng,
           const WordList *list)
{
  return list->words[rng_below (rng, list->n_words)];
}

static const char * const french_feminine[] = {
  "Élodie", "Anaïs", "Chloé", "Hélène", "Zoé", "Bénédicte", "Maëlle",
  "Camille", "Léa", "Juliette", "Margaux", "Clémence", "Aurélie", "Sophie",
  "Émilie", "Cécile", "Noémie", "Mélanie", "Pauline", "Inès", "Agathe",
  "Gaëlle", "Solène", "Séverine", "Anne-Sophie", "Marie-Claire", "Laëtitia",
  "Océane", "Éléonore", "Apolline", "Capucine", "Héloïse", "Manon", "Lucie",
};

static const char * const french_masculine[] = {
  "Jérôme", "François", "Noël", "Loïc", "Côme", "Théo", "Mathéo", "Benoît",
  "Grégoire", "Jean-Baptiste", "Pierre-Yves", "Hervé", "Stéphane", "Frédéric",
  "Raphaël", "Gaël", "Maël", "Joël", "Sébastien", "Nicolas", "Antoine",
  "Étienne", "Rémi", "Aurélien", "Clément", "Julien", "Thibault", "Yann",
  "Gwenaël", "Baptiste", "Hugo", "Léon", "Adrien", "Valère",
};

static const char * const french_family[] = {
  "Lefèvre", "Dupré", "Bézier", "Le Guénnec", "Ménard", "Saint-Pierre",
  "Béchard", "Martin", "Bernard", "Dubois", "Moreau", "Lefebvre", "Girard",
  "Rousseau", "Fournier", "Mercier", "Lemaître", "Gauthier", "Chevalier",
  "Lambert", "Bonnet", "Faure", "Fontaine", "Roussel", "Lebœuf", "Hébert",
  "Le Goff", "Le Bihan", "Kerjean", "Delacroix", "Desmoulins", "Pétillon",
  "Ducrocq", "Vasseur", "Barthélemy", "Carré", "Joubert", "D'Almeida",
  "Lacôte", "Rivière", "Aubert", "Marchand", "Perrin", "Renaud",
};

static const char * const belgian_swiss_family[] = {
  "Dewilde", "Vandenberghe", "Janssens", "Lemaire", "Dubuisson", "Collignon",
  "Vanderlinden", "Mottet", "Favre", "Rochat", "Cuénod", "Perrenoud",
  "Jaquier", "Bühler", "Gremaud", "Pittet", "Schaller", "Delhaize",
};

static const char * const quebec_feminine[] = {
  "Geneviève", "Marie-Ève", "Josée", "Mylène", "Véronique", "Annie-Claude",
  "Maude", "Catherine", "Rosalie", "Noémie", "Émilie", "Andréanne",
};

static const char * const quebec_masculine[] = {
  "Étienne", "Jean-François", "Mathieu", "Olivier", "Félix", "Alexis",
  "Simon-Pierre", "Samuel", "Jérémie", "Gabriel", "Marc-André", "Rémi",
};

static const char * const quebec_family[] = {
  "Tremblay", "Gagnon", "Côté", "Bouchard", "Gauthier", "Ouellet",
  "Lévesque", "Bélanger", "Pelletier", "Bergeron", "Thériault", "Després",
  "Saint-Onge", "Laframboise", "Béchard", "Lachance",
};

static const char * const maghreb_feminine[] = {
  "Yasmine", "Leïla", "Nadia", "Samira", "Inès", "Sarah", "Amel", "Soraya",
  "Myriam", "Nour", "Kenza", "Lina", "Rania", "Aïcha",
};

static const char * const maghreb_masculine[] = {
  "Karim", "Mehdi", "Yacine", "Rachid", "Nabil", "Sofiane", "Amine",
  "Ilyès", "Youssef", "Farid", "Samir", "Réda", "Anis", "Hichem",
};

static const char * const maghreb_family[] = {
  "Benali", "Haddad", "Mansouri", "Bouzid", "El Amrani", "Belkacem",
  "Cherif", "Benchérif", "Ait-Kaci", "Zeroual", "Ben Youssef", "Saïdi",
  "Hamdi", "Boukhari", "Lahlou", "Chaïbi",
};

static const char * const west_african_feminine[] = {
  "Aminata", "Fatou", "Awa", "Mariam", "Adjoua", "Aïssatou", "Khady",
  "Ndèye", "Rokia", "Fatoumata", "Salimata", "Coumba",
};

static const char * const west_african_masculine[] = {
  "Amadou", "Moussa", "Ibrahima", "Ousmane", "Mamadou", "Cheikh", "Koffi",
  "Souleymane", "Babacar", "Adama", "Serge-Olivier", "Kouadio",
};

static const char * const west_african_family[] = {
  "N'Diaye", "Ouédraogo", "Diallo", "Traoré", "Koné", "Sow", "Diop",
  "Kaboré", "Coulibaly", "Konaté", "N'Guessan", "Bamba", "Touré", "Sèye",
  "Faye", "Kouyaté",
};

typedef enum
{
  COUNTRY_FRANCE,
  COUNTRY_BELGIUM,
  COUNTRY_SWITZERLAND,
  COUNTRY_CANADA,
} Country;

typedef struct
{
  const char *locality;
  const char *postal_code;
  const char *region;
  Country     country;
  const char *landline_prefix; /* as dialled nationally, e.g. "04" */
} City;

static const City cities[] = {
  { "Lyon", "69002", "Auvergne-Rhône-Alpes", COUNTRY_FRANCE, "04" },
  { "Lyon", "69007", "Auvergne-Rhône-Alpes", COUNTRY_FRANCE, "04" },
  { "Villeurbanne", "69100", "Auvergne-Rhône-Alpes", COUNTRY_FRANCE, "04" },
  { "Grenoble", "38000", "Auvergne-Rhône-Alpes", COUNTRY_FRANCE, "04" },
  { "Annecy", "74000", "Auvergne-Rhône-Alpes", COUNTRY_FRANCE, "04" },
  { "Clermont-Ferrand", "63000", "Auvergne-Rhône-Alpes", COUNTRY_FRANCE, "04" },
  { "Nantes", "44000", "Pays de la Loire", COUNTRY_FRANCE, "02" },
  { "Angers", "49100", "Pays de la Loire", COUNTRY_FRANCE, "02" },
  { "Rennes", "35000", "Bretagne", COUNTRY_FRANCE, "02" },
  { "Brest", "29200", "Bretagne", COUNTRY_FRANCE, "02" },
  { "Bordeaux", "33000", "Nouvelle-Aquitaine", COUNTRY_FRANCE, "05" },
  { "La Rochelle", "17000", "Nouvelle-Aquitaine", COUNTRY_FRANCE, "05" },
  { "Toulouse", "31000", "Occitanie", COUNTRY_FRANCE, "05" },
  { "Montpellier", "34000", "Occitanie", COUNTRY_FRANCE, "04" },
  { "Marseille", "13001", "Provence-Alpes-Côte d'Azur", COUNTRY_FRANCE, "04" },
  { "Aix-en-Provence", "13100", "Provence-Alpes-Côte d'Azur", COUNTRY_FRANCE, "04" },
  { "Nice", "06000", "Provence-Alpes-Côte d'Azur", COUNTRY_FRANCE, "04" },
  { "Lille", "59000", "Hauts-de-France", COUNTRY_FRANCE, "03" },
  { "Strasbourg", "67000", "Grand Est", COUNTRY_FRANCE, "03" },
  { "Nancy", "54000", "Grand Est", COUNTRY_FRANCE, "03" },
  { "Dijon", "21000", "Bourgogne-Franche-Comté", COUNTRY_FRANCE, "03" },
  { "Paris", "75011", "Île-de-France", COUNTRY_FRANCE, "01" },
  { "Paris", "75018", "Île-de-France", COUNTRY_FRANCE, "01" },
  { "Montreuil", "93100", "Île-de-France", COUNTRY_FRANCE, "01" },
  { "Rouen", "76000", "Normandie", COUNTRY_FRANCE, "02" },
  { "Tours", "37000", "Centre-Val de Loire", COUNTRY_FRANCE, "02" },
  { "Bruxelles", "1000", "Bruxelles-Capitale", COUNTRY_BELGIUM, NULL },
  { "Ixelles", "1050", "Bruxelles-Capitale", COUNTRY_BELGIUM, NULL },
  { "Liège", "4000", "Wallonie", COUNTRY_BELGIUM, NULL },
  { "Namur", "5000", "Wallonie", COUNTRY_BELGIUM, NULL },
  { "Genève", "1201", "Genève", COUNTRY_SWITZERLAND, NULL },
  { "Lausanne", "1003", "Vaud", COUNTRY_SWITZERLAND, NULL },
  { "Neuchâtel", "2000", "Neuchâtel", COUNTRY_SWITZERLAND, NULL },
  { "Montréal", "H2T 1S6", "Québec", COUNTRY_CANADA, NULL },
  { "Montréal", "H2X 3K2", "Québec", COUNTRY_CANADA, NULL },
  { "Québec", "G1R 4P5", "Québec", COUNTRY_CANADA, NULL },
  { "Sherbrooke", "J1H 1Z3", "Québec", COUNTRY_CANADA, NULL },
};

static const char * const country_names[] = {
  [COUNTRY_FRANCE] = "France",
  [COUNTRY_BELGIUM] = "Belgique",
  [COUNTRY_SWITZERLAND] = "Suisse",
  [COUNTRY_CANADA] = "Canada",
};

static const char * const streets[] = {
  "rue de la République", "avenue Jean-Jaurès", "boulevard Voltaire",
  "rue des Écoles", "quai de la Fosse", "impasse des Lilas",
  "chemin des Vignes", "rue Sainte-Catherine", "cours Julien",
  "place du Marché", "rue Saint-Denis", "boulevard Saint-Laurent",
  "rue du Faubourg", "allée des Tilleuls", "rue Pasteur",
  "rue de l'Hôtel-de-Ville", "avenue de la Gare", "rue des Tanneurs",
};

/* A person's origin decides the names and, most of the time, the country. */
typedef struct
{
  WordList feminine;
  WordList masculine;
  WordList family;
  Country  country;
  guint    weight;
} Origin;

static const Origin origins[] = {
  { WORD_LIST (french_feminine), WORD_LIST (french_masculine), WORD_LIST (french_family), COUNTRY_FRANCE, 56 },
  { WORD_LIST (french_feminine), WORD_LIST (french_masculine), WORD_LIST (belgian_swiss_family), COUNTRY_BELGIUM, 6 },
  { WORD_LIST (french_feminine), WORD_LIST (french_masculine), WORD_LIST (belgian_swiss_family), COUNTRY_SWITZERLAND, 5 },
  { WORD_LIST (quebec_feminine), WORD_LIST (quebec_masculine), WORD_LIST (quebec_family), COUNTRY_CANADA, 9 },
  { WORD_LIST (maghreb_feminine), WORD_LIST (maghreb_masculine), WORD_LIST (maghreb_family), COUNTRY_FRANCE, 14 },
  { WORD_LIST (west_african_feminine), WORD_LIST (west_african_masculine), WORD_LIST (west_african_family), COUNTRY_FRANCE, 10 },
};

/* employed: whether the job usually comes with an employer. */
typedef struct
{
  const char *feminine;
  const char *masculine;
  gboolean    employed;
} Title;

static const Title titles[] = {
  { "Développeuse web freelance", "Développeur web freelance", FALSE },
  { "Graphiste indépendante", "Graphiste indépendant", FALSE },
  { "Consultante RH", "Consultant RH", FALSE },
  { "Traductrice", "Traducteur", FALSE },
  { "Photographe", "Photographe", FALSE },
  { "Coach agile", "Coach agile", FALSE },
  { "Rédactrice web", "Rédacteur web", FALSE },
  { "UX designer indépendante", "UX designer indépendant", FALSE },
  { "Formatrice en bureautique", "Formateur en bureautique", FALSE },
  { "Motion designer", "Motion designer", FALSE },
  { "Consultante SEO", "Consultant SEO", FALSE },
  { "Illustratrice", "Illustrateur", FALSE },
  { "Experte-comptable", "Expert-comptable", FALSE },
  { "Chargée de communication", "Chargé de communication", TRUE },
  { "Directrice technique", "Directeur technique", TRUE },
  { "Cheffe de projet digital", "Chef de projet digital", TRUE },
  { "Responsable marketing", "Responsable marketing", TRUE },
  { "Directrice artistique", "Directeur artistique", TRUE },
  { "Product owner", "Product owner", TRUE },
  { "Responsable des achats", "Responsable des achats", TRUE },
  { "Gérante", "Gérant", TRUE },
  { "Fondatrice", "Fondateur", TRUE },
  { "Chargée de mission numérique", "Chargé de mission numérique", TRUE },
  { "Animatrice du coworking", "Animateur du coworking", TRUE },
  { "Office manager", "Office manager", TRUE },
};

/* Organization names: a word between a prefix and a suffix ("Agence " +
 * "Mistral", "Dupré" + " & Associés"), and the top-level domain that kind
 * of organization usually has. family_name: the word is a family name. */
typedef struct
{
  const char *before;
  const char *after;
  const char *tld;
  gboolean    family_name;
} OrgPattern;

static const OrgPattern org_patterns[] = {
  { "Agence ", "", "fr", FALSE },
  { "", " Studio", "com", FALSE },
  { "SCOP ", "", "coop", FALSE },
  { "Coworking ", "", "fr", FALSE },
  { "Tiers-lieu ", "", "org", FALSE },
  { "", " Conseil", "fr", FALSE },
  { "Association ", "", "org", FALSE },
  { "", " Labs", "io", FALSE },
  { "Collectif ", "", "org", FALSE },
  { "Les Ateliers ", "", "fr", FALSE },
  { "", " Numérique", "fr", FALSE },
  { "Éditions ", "", "fr", FALSE },
  { "Fabrique ", "", "fr", FALSE },
  { "", " Formation", "fr", FALSE },
  { "", " Design", "com", FALSE },
  { "", " Événements", "fr", FALSE },
  { "Cabinet ", "", "fr", TRUE },
  { "", " & Associés", "fr", TRUE },
  { "Atelier ", "", "fr", TRUE },
  { "", " Traduction", "com", TRUE },
};

static const char * const org_words[] = {
  "Hirondelle", "Mistral", "Boussole", "Éclat", "Canopée", "Tilleul",
  "Lumière", "Phare", "Sillon", "Ruche", "Cerf-Volant", "Mosaïque",
  "Bourrasque", "Presqu'île", "Clairière", "Grand Large", "Azimut",
  "Paprika", "Cordée", "Colibri", "Marmotte", "Archipel", "Bruine",
  "Ricochet", "Girouette", "Sémaphore", "Écume", "Ondée", "Brindille",
  "Chardon", "Lucarne", "Quartz", "Pépite", "Alizé", "Tramontane",
  "Libellule", "Hérisson", "Mirabelle", "Cumulus", "Nénuphar", "Estran",
  "Vigie", "Passerelle", "Bivouac", "Escale", "Méridien", "Zéphyr",
  "Garance", "Coquelicot", "Luciole", "Perce-Neige", "Tournesol",
  "Sextant", "Amarre", "Haubans", "Fanal", "Embruns", "Balise", "Rivage",
  "Ginkgo",
};

/* Local authorities have their own naming and domains. */
static const char * const public_bodies[] = {
  "Mairie de ", "Métropole de ", "Office de tourisme de ",
  "Médiathèque de ",
};

static const char * const personal_domains[] = {
  "gmail.com", "gmail.com", "gmail.com", "orange.fr", "free.fr",
  "protonmail.com", "laposte.net", "outlook.fr", "sfr.fr", "icloud.com",
  "yahoo.fr",
};

static const char * const tags_for_people[] = {
  "Client", "Prospect", "Partenaire", "Freelance", "Mentor", "Coworking",
  "Ancien collègue", "Fournisseur", "LinkedIn", "Meetup",
};

static const char * const tags_for_organizations[] = {
  "Client", "Prospect", "Partenaire", "Fournisseur", "Coworking",
};

static const char * const events[] = {
  "Petit-déjeuner du coworking La Cordée", "Meetup Designers Lyon",
  "Salon des indépendants", "Marche réseau du jeudi", "Webinaire URSSAF",
  "Apéro freelance de la Cantine", "Conférence Paris Web",
  "BlendWebMix à Lyon", "Atelier prospection de la CCI",
  "Soirée networking de la French Tech", "Hackathon de la métropole",
  "Message sur LinkedIn", "Mission commune chez un client",
  "Forum des associations", "Visio de présentation entre freelances",
  "Déjeuner des indépendants du quartier", "Festival Web2Day à Nantes",
  "Formation « Facturer sereinement » de la BGE",
  "Rencontre au Café des freelances", "Collègues en agence il y a quelques années",
};

static const char * const projects[] = {
  "la refonte de l'identité visuelle d'une brasserie",
  "une application mobile de réservation", "un audit d'accessibilité",
  "la migration d'un intranet vers Nextcloud",
  "une formation Figma pour une équipe marketing",
  "le site vitrine d'une boulangerie bio", "un catalogue produit en trois langues",
  "la stratégie de contenu LinkedIn d'une SCOP",
  "le rapport annuel d'une association", "la boutique en ligne d'une céramiste",
  "un reportage photo pour une mairie", "la traduction d'un jeu de société",
};

static const char * const wishes[] = {
  "des missions longues en télétravail",
  "quelqu'un pour refaire son logo",
  "une développeuse ou un développeur React pour trois mois",
  "des associés pour créer une SCOP",
  "de nouveaux clients dans l'associatif",
  "un bureau fixe dans un coworking",
  "des intervenants pour un meetup",
  "une relecture de son site avant le lancement",
};

/* Note sentences. {org}, {city}, {project} and {wish} are filled in; a
 * sentence naming {org} is only used for someone who has one. Written so
 * that they read right whoever they are about. */
static const char * const person_sentences[] = {
  "Nous avons travaillé ensemble sur {project}.",
  "M'a recommandé pour {project} : mission signée, penser à remercier.",
  "Je lui ai transmis une mission que je ne pouvais pas prendre : {project}.",
  "Retour d'ascenseur à prévoir, m'a présenté deux clients cette année.",
  "Cherche en ce moment {wish}.",
  "Un café à {city} lui fait toujours plaisir.",
  "Préfère un appel rapide à un long email.",
  "Répond vite sur LinkedIn, beaucoup moins par email.",
  "A lancé son activité il y a deux ans après dix ans en agence.",
  "Organise un déjeuner entre indépendants chaque premier mardi du mois.",
  "Bon contact pour les marchés publics et les collectivités.",
  "Connaît tout le monde à {city}.",
  "Lui envoyer le compte rendu de notre dernier échange.",
  "Paie ses factures à 30 jours, sans relance.",
  "Travaille chez {org} depuis trois ans.",
  "Pourrait nous ouvrir des portes chez {org}.",
  "M'a sous-traité une partie du travail sur {project}.",
  "Envisage un binôme avec moi sur les prochains appels d'offres.",
  "On s'est promis une marche réseau le mois prochain.",
};

static const char * const organization_sentences[] = {
  "Nous avons travaillé ensemble sur {project}.",
  "Appel d'offres prévu au printemps, à surveiller.",
  "Cherche {wish}.",
  "Paiement à 45 jours fin de mois, prévoir la trésorerie.",
  "Espace de réunion à louer à l'heure, en plein centre, à {city}.",
  "Bonne structure pour des missions récurrentes.",
  "Ont besoin d'aide sur {project}.",
  "Contact principal plutôt par téléphone le matin.",
};

/* ------------------------------------------------------------------------
 * Text helpers.
 * --------------------------------------------------------------------- */

/* Lower-case ASCII for emails, domains and URLs: "Le Guénnec" → "leguennec"
 * (or "le-guennec" with spaces_as_hyphens), "N'Diaye" → "ndiaye". */
static char *
ascii_slug (const char *text,
            gboolean    spaces_as_hyphens)
{
  char *slug = g_str_to_ascii (text, "C");
  gsize len = 0;

  /* In place: the slug is never longer than its ASCII form. */
  for (const char *p = slug; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        slug[len++] = g_ascii_tolower (*p);
      else if ((*p == '-' || (*p == ' ' && spaces_as_hyphens)) && len > 0 && slug[len - 1] != '-')
        slug[len++] = '-';
    }

  while (len > 0 && slug[len - 1] == '-')
    len--;
  slug[len] = '\0';

  return slug;
}

typedef struct
{
  const char *org;
  const char *city;
  const char *project;
  const char *wish;
} Fillers;

static const char *
lookup_filler (const Fillers *fillers,
               const char    *key,
               gsize          key_len)
{
  if (key_len == 3 && strncmp (key, "org", key_len) == 0)
    return fillers->org;
  if (key_len == 4 && strncmp (key, "city", key_len) == 0)
    return fillers->city;
  if (key_len == 7 && strncmp (key, "project", key_len) == 0)
    return fillers->project;
  if (key_len == 4 && strncmp (key, "wish", key_len) == 0)
    return fillers->wish;

  return NULL;
}

/* Copies template into out, replacing each {key} by its filler. */
static void
append_template (GString       *out,
                 const char    *template,
                 const Fillers *fillers)
{
  const char *p = template;

  while (*p != '\0')
    {
      const char *close = *p == '{' ? strchr (p, '}') : NULL;
      const char *filler = close != NULL ? lookup_filler (fillers, p + 1, (gsize) (close - p - 1)) : NULL;

      if (filler != NULL)
        {
          g_string_append (out, filler);
          p = close + 1;
        }
      else
        {
          g_string_append_c (out, *p++);
        }
    }
}

static void
write_hex (char    *out,
           guint32  value,
           guint    n_digits)
{
  static const char digits[] = "0123456789abcdef";

  for (guint i = n_digits; i > 0; i--)
    {
      out[i - 1] = digits[value & 0xf];
      value >>= 4;
    }
}

/* Written by hand rather than with printf: this runs for every contact of
 * a 100,000-contact benchmark network. */
static void
make_uid (DemoRng *rng,
          char     uid[UID_SIZE])
{
  static const char template[] = "urn:uuid:xxxxxxxx-xxxx-4xxx-xxxx-xxxxxxxxxxxx";
  guint32 a = rng_next (rng);
  guint32 b = rng_next (rng);
  guint32 c = rng_next (rng);
  guint32 d = rng_next (rng);

  G_STATIC_ASSERT (sizeof template == UID_SIZE);
  memcpy (uid, template, UID_SIZE);

  /* Shaped like a version 4 UUID (version nibble 4, variant bits 10) so
   * that other software takes it for one. */
  write_hex (uid + 9, a, 8);
  write_hex (uid + 18, b >> 16, 4);
  write_hex (uid + 24, b & 0x0fff, 3);
  write_hex (uid + 28, (c >> 16 & 0x3fff) | 0x8000, 4);
  write_hex (uid + 33, c & 0xffff, 4);
  write_hex (uid + 37, d, 8);
}

/* ------------------------------------------------------------------------
 * Organizations: made up front so that people can work at them.
 * --------------------------------------------------------------------- */

typedef struct
{
  char       *name;
  char       *domain;
  const City *city;
} DemoOrg;

static void
demo_org_clear (DemoOrg *org)
{
  g_free (org->name);
  g_free (org->domain);
}

static const City *
pick_city (DemoRng *rng,
           Country  country)
{
  /* Most people live in their origin's country; some moved. */
  if (!rng_percent (rng, 85))
    country = COUNTRY_FRANCE;

  for (;;)
    {
      const City *city = &PICK (rng, cities);

      if (city->country == country)
        return city;
    }
}

static char *
make_org_name (DemoRng       *rng,
               const DemoOrg *org,
               gboolean       with_city,
               const char   **tld)
{
  const OrgPattern *pattern;
  const char *word;

  *tld = "fr";

  if (rng_percent (rng, 6))
    return g_strconcat (PICK (rng, public_bodies), org->city->locality, NULL);

  pattern = &PICK (rng, org_patterns);
  if (pattern->family_name)
    word = pick_word (rng, &PICK (rng, origins).family);
  else
    word = PICK (rng, org_words);

  *tld = pattern->tld;

  /* Branches of a network are often told apart by their city. */
  if (with_city)
    return g_strconcat (pattern->before, word, pattern->after, " ", org->city->locality, NULL);

  return g_strconcat (pattern->before, word, pattern->after, NULL);
}

/* taken: the names given so far. Two organizations of the same name would
 * make a confusing demo, so a taken name is tried again, then with a city;
 * only a huge network runs out and gets a few twins. */
static void
demo_org_init (DemoOrg    *org,
               DemoRng    *rng,
               GHashTable *taken)
{
  g_autofree char *slug = NULL;
  const char *tld = "fr";

  org->city = pick_city (rng, rng_percent (rng, 85) ? COUNTRY_FRANCE
                                                    : (Country) rng_between (rng, COUNTRY_BELGIUM, COUNTRY_CANADA));

  for (guint attempt = 0; attempt < 8; attempt++)
    {
      g_free (org->name);
      org->name = make_org_name (rng, org, attempt >= 3, &tld);

      if (!g_hash_table_contains (taken, org->name))
        break;
    }

  g_hash_table_add (taken, org->name);
  slug = ascii_slug (org->name, TRUE);
  org->domain = g_strconcat (slug, ".", tld, NULL);
}

/* ------------------------------------------------------------------------
 * Fields shared by people and organizations.
 * --------------------------------------------------------------------- */

/* "12 34 56 78": the last four pairs of a French number. */
#define DIGIT_PAIRS_SIZE (sizeof "12 34 56 78")

static void
make_digit_pairs (DemoRng *rng,
                  char     out[DIGIT_PAIRS_SIZE])
{
  for (guint i = 0; i < 4; i++)
    {
      guint pair = rng_below (rng, 100);

      out[3 * i] = (char) ('0' + pair / 10);
      out[3 * i + 1] = (char) ('0' + pair % 10);
      out[3 * i + 2] = i < 3 ? ' ' : '\0';
    }
}

static char *
make_mobile (DemoRng    *rng,
             const City *city)
{
  char tail[DIGIT_PAIRS_SIZE];

  make_digit_pairs (rng, tail);

  switch (city->country)
    {
    case COUNTRY_BELGIUM:
      return g_strdup_printf ("+32 4%02u %s", rng_between (rng, 70, 99), tail + 3);
    case COUNTRY_SWITZERLAND:
      return g_strdup_printf ("+41 7%u %03u %s", rng_between (rng, 6, 9), rng_below (rng, 1000), tail + 6);
    case COUNTRY_CANADA:
      /* 555-01xx numbers are reserved for fiction. */
      return g_strdup_printf ("+1 %s 555-01%02u", rng_percent (rng, 70) ? "514" : "438", rng_below (rng, 100));
    case COUNTRY_FRANCE:
    default:
      if (rng_percent (rng, 40))
        return g_strdup_printf ("+33 %u %s", rng_percent (rng, 75) ? 6 : 7, tail);
      return g_strdup_printf ("0%u %s", rng_percent (rng, 75) ? 6 : 7, tail);
    }
}

static char *
make_landline (DemoRng    *rng,
               const City *city)
{
  char tail[DIGIT_PAIRS_SIZE];

  make_digit_pairs (rng, tail);

  switch (city->country)
    {
    case COUNTRY_BELGIUM:
      return g_strdup_printf ("+32 2 %03u %s", rng_below (rng, 1000), tail + 6);
    case COUNTRY_SWITZERLAND:
      return g_strdup_printf ("+41 22 %03u %s", rng_below (rng, 1000), tail + 6);
    case COUNTRY_CANADA:
      return g_strdup_printf ("+1 514 555-01%02u", rng_below (rng, 100));
    case COUNTRY_FRANCE:
    default:
      return g_strdup_printf ("%s %s", city->landline_prefix, tail);
    }
}

static void
add_address (ReseauContact *contact,
             DemoRng       *rng,
             const City    *city,
             const char    *label)
{
  g_autofree char *street = g_strdup_printf ("%u %s", rng_between (rng, 1, 180), PICK (rng, streets));
  ReseauAddress address = {
    .label = (char *) label,
    .street = street,
    .locality = (char *) city->locality,
    .postal_code = (char *) city->postal_code,
    .region = city->country == COUNTRY_FRANCE ? NULL : (char *) city->region,
    .country = (char *) country_names[city->country],
  };

  reseau_contact_add_address (contact, &address);
}

static void
add_tags (ReseauContact      *contact,
          DemoRng            *rng,
          const char * const *tags,
          guint               n_tags,
          guint               max_tags)
{
  guint n = rng_below (rng, max_tags + 1);

  /* Duplicates are dropped by the contact itself. */
  for (guint i = 0; i < n; i++)
    reseau_contact_add_tag (contact, tags[rng_below (rng, n_tags)]);
}

static void
set_met (ReseauContact *contact,
         DemoRng       *rng,
         const char    *how_met,
         guint32        today_julian)
{
  GDate date;
  char iso[16];

  reseau_contact_set_how_met (contact, how_met);

  if (!rng_percent (rng, 85))
    return;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, today_julian - rng_below (rng, DAYS_IN_FIVE_YEARS));
  g_snprintf (iso, sizeof iso, "%04u-%02u-%02u",
              (guint) g_date_get_year (&date),
              (guint) g_date_get_month (&date),
              (guint) g_date_get_day (&date));
  reseau_contact_set_met_on (contact, iso);
}

static void
set_cadence (ReseauContact *contact,
             DemoRng       *rng)
{
  static const guint cadences[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 14, 14, 30, 30, 30, 30, 60, 60, 60, 90, 90 };

  reseau_contact_set_cadence_days (contact, PICK (rng, cadences));
}

static void
set_note (ReseauContact      *contact,
          DemoRng            *rng,
          const char * const *sentences,
          guint               n_sentences,
          guint               max_sentences,
          const Fillers      *fillers)
{
  GString *note = g_string_sized_new (512);
  guint used[4];
  guint n_used = 0;
  guint wanted = rng_between (rng, 1, MIN (max_sentences, G_N_ELEMENTS (used)));
  Fillers sentence_fillers = *fillers;

  for (guint attempt = 0; n_used < wanted && attempt < 4 * wanted; attempt++)
    {
      guint index = rng_below (rng, n_sentences);
      gboolean seen = FALSE;

      for (guint i = 0; i < n_used; i++)
        seen |= used[i] == index;

      if (seen || (fillers->org == NULL && strstr (sentences[index], "{org}") != NULL))
        continue;

      /* A project or wish of its own for each sentence, so that a note
       * never tells the same story twice. */
      sentence_fillers.project = PICK (rng, projects);
      sentence_fillers.wish = PICK (rng, wishes);

      if (note->len > 0)
        g_string_append_c (note, ' ');
      append_template (note, sentences[index], &sentence_fillers);
      used[n_used++] = index;
    }

  if (note->len > 0)
    reseau_contact_set_note (contact, note->str);

  g_string_free (note, TRUE);
}

/* ------------------------------------------------------------------------
 * Organizations as contacts.
 * --------------------------------------------------------------------- */

static ReseauContact *
make_organization (DemoRng       *rng,
                   const DemoOrg *org,
                   guint32        today_julian)
{
  ReseauContact *contact = reseau_contact_new ();
  char uid[UID_SIZE];
  g_autofree char *email = NULL;
  g_autofree char *url = NULL;
  Fillers fillers = {
    .org = org->name,
    .city = org->city->locality,
  };

  make_uid (rng, uid);
  reseau_contact_set_uid (contact, uid);
  reseau_contact_set_kind (contact, RESEAU_CONTACT_KIND_ORGANIZATION);
  reseau_contact_set_organization (contact, org->name);

  email = g_strconcat (rng_percent (rng, 60) ? "contact@" : "bonjour@", org->domain, NULL);
  reseau_contact_add_value (contact, RESEAU_FIELD_EMAIL, "work", email);

  if (rng_percent (rng, 80))
    {
      g_autofree char *phone = make_landline (rng, org->city);

      reseau_contact_add_value (contact, RESEAU_FIELD_PHONE, "work", phone);
    }

  url = g_strconcat ("https://www.", org->domain, "/", NULL);
  reseau_contact_add_value (contact, RESEAU_FIELD_URL, "work", url);

  if (rng_percent (rng, 70))
    add_address (contact, rng, org->city, "work");

  add_tags (contact, rng, tags_for_organizations, G_N_ELEMENTS (tags_for_organizations), 2);

  if (rng_percent (rng, 50))
    set_met (contact, rng, PICK (rng, events), today_julian);

  set_cadence (contact, rng);

  if (rng_percent (rng, 70))
    set_note (contact, rng, organization_sentences, G_N_ELEMENTS (organization_sentences), 2, &fillers);

  return contact;
}

/* ------------------------------------------------------------------------
 * People.
 * --------------------------------------------------------------------- */

typedef struct
{
  const char *given;
  const char *family;
  char       *given_slug;
  char       *family_slug;
  gboolean    feminine;
  const City *city;
  const DemoOrg *org;
} Person;

static const Origin *
pick_origin (DemoRng *rng)
{
  guint total = 0;
  guint roll;

  for (guint i = 0; i < G_N_ELEMENTS (origins); i++)
    total += origins[i].weight;

  roll = rng_below (rng, total);

  for (guint i = 0; i < G_N_ELEMENTS (origins); i++)
    {
      if (roll < origins[i].weight)
        return &origins[i];
      roll -= origins[i].weight;
    }

  return &origins[0];
}

static char *
make_personal_email (DemoRng      *rng,
                     const Person *person)
{
  const char *given = person->given_slug;
  const char *family = person->family_slug;
  const char *domain = PICK (rng, personal_domains);
  char initial[2] = { given[0], '\0' };
  char digits[3];

  switch (rng_below (rng, 5))
    {
    case 0:
      return g_strconcat (initial, ".", family, "@", domain, NULL);
    case 1:
      return g_strconcat (given, family, "@", domain, NULL);
    case 2:
      return g_strconcat (family, ".", given, "@", domain, NULL);
    case 3:
      /* The name was taken: people add a number, often a birth year's end. */
      g_snprintf (digits, sizeof digits, "%02u", rng_below (rng, 100));
      return g_strconcat (given, ".", family, digits, "@", domain, NULL);
    default:
      return g_strconcat (given, ".", family, "@", domain, NULL);
    }
}

static void
add_person_emails (ReseauContact *contact,
                   DemoRng       *rng,
                   const Person  *person)
{
  g_autofree char *first = NULL;
  gboolean work_first = person->org != NULL && rng_percent (rng, 75);

  if (work_first)
    first = g_strconcat (person->given_slug, ".", person->family_slug, "@", person->org->domain, NULL);
  else
    first = make_personal_email (rng, person);

  reseau_contact_add_value (contact, RESEAU_FIELD_EMAIL, work_first ? "work" : "home", first);

  if (rng_percent (rng, 30))
    {
      g_autofree char *second = make_personal_email (rng, person);

      if (g_strcmp0 (first, second) != 0)
        reseau_contact_add_value (contact, RESEAU_FIELD_EMAIL, "home", second);
    }
}

static void
add_person_phones (ReseauContact *contact,
                   DemoRng       *rng,
                   const Person  *person)
{
  guint roll = rng_below (rng, 100);

  if (roll < 15)
    return;

  {
    g_autofree char *mobile = make_mobile (rng, person->city);

    reseau_contact_add_value (contact, RESEAU_FIELD_PHONE, "mobile", mobile);
  }

  if (roll >= 75)
    {
      const City *city = person->org != NULL ? person->org->city : person->city;
      g_autofree char *work = make_landline (rng, city);

      reseau_contact_add_value (contact, RESEAU_FIELD_PHONE, "work", work);
    }
}

static void
add_person_url (ReseauContact *contact,
                DemoRng       *rng,
                const Person  *person)
{
  g_autofree char *url = NULL;

  if (!rng_percent (rng, 35))
    return;

  if (rng_percent (rng, 60))
    url = g_strdup_printf ("https://www.linkedin.com/in/%s-%s-%04x",
                           person->given_slug, person->family_slug, rng_below (rng, 0x10000));
  else if (rng_percent (rng, 50))
    url = g_strdup_printf ("https://%s%s.fr/", person->given_slug, person->family_slug);
  else
    url = g_strdup_printf ("https://www.behance.net/%s%s", person->given_slug, person->family_slug);

  reseau_contact_add_value (contact, RESEAU_FIELD_URL, "work", url);
}

static void
set_person_birthday (ReseauContact *contact,
                     DemoRng       *rng)
{
  guint month;
  guint day;
  guint year;

  if (!rng_percent (rng, 45))
    return;

  month = rng_between (rng, 1, 12);
  /* February stops at 28 so that a date without a year is valid in any year. */
  day = rng_between (rng, 1, month == 2 ? 28 : g_date_get_days_in_month ((GDateMonth) month, 2001));
  year = rng_percent (rng, 30) ? 0 : rng_between (rng, 1958, 2001);

  reseau_contact_set_birthday (contact, (int) year, (int) month, (int) day);
}

/* How we met: through an earlier person now and then, else at an event. */
static void
set_person_meeting (ReseauContact *contact,
                    DemoRng       *rng,
                    gboolean       feminine,
                    GPtrArray     *contacts,
                    GArray        *people,
                    guint32        today_julian)
{
  if (people->len > 0 && rng_percent (rng, 20))
    {
      guint index = g_array_index (people, guint, rng_below (rng, people->len));
      ReseauContact *introducer = g_ptr_array_index (contacts, index);
      g_autofree char *how_met = NULL;

      reseau_contact_set_introduced_by (contact, reseau_contact_get_uid (introducer));

      if (rng_percent (rng, 70))
        how_met = g_strconcat (feminine ? "Recommandée par " : "Recommandé par ",
                               reseau_contact_get_full_name (introducer), NULL);
      else
        how_met = g_strconcat ("Présentation par ", reseau_contact_get_full_name (introducer),
                               " autour d'un café", NULL);
      set_met (contact, rng, how_met, today_julian);
    }
  else if (rng_percent (rng, 75))
    {
      set_met (contact, rng, PICK (rng, events), today_julian);
    }
}

static ReseauContact *
make_person (DemoRng       *rng,
             const DemoOrg *orgs,
             guint          n_orgs,
             GPtrArray     *contacts,
             GArray        *people,
             guint32        today_julian)
{
  ReseauContact *contact = reseau_contact_new ();
  const Origin *origin = pick_origin (rng);
  const Title *title = &PICK (rng, titles);
  char uid[UID_SIZE];
  g_autofree char *full_name = NULL;
  Person person = { NULL, };
  Fillers fillers = { NULL, };

  person.feminine = rng_percent (rng, 50);
  person.given = pick_word (rng, person.feminine ? &origin->feminine : &origin->masculine);
  person.family = pick_word (rng, &origin->family);
  person.given_slug = ascii_slug (person.given, FALSE);
  person.family_slug = ascii_slug (person.family, FALSE);
  person.city = pick_city (rng, origin->country);
  if (rng_percent (rng, title->employed ? 85 : 15))
    person.org = &orgs[rng_below (rng, n_orgs)];

  full_name = g_strconcat (person.given, " ", person.family, NULL);

  make_uid (rng, uid);
  reseau_contact_set_uid (contact, uid);
  reseau_contact_set_kind (contact, RESEAU_CONTACT_KIND_INDIVIDUAL);
  reseau_contact_set_full_name (contact, full_name);
  reseau_contact_set_given_name (contact, person.given);
  reseau_contact_set_family_name (contact, person.family);

  if (rng_percent (rng, 90))
    reseau_contact_set_title (contact, person.feminine ? title->feminine : title->masculine);
  if (person.org != NULL)
    reseau_contact_set_organization (contact, person.org->name);

  add_person_emails (contact, rng, &person);
  add_person_phones (contact, rng, &person);
  add_person_url (contact, rng, &person);
  if (rng_percent (rng, 30))
    {
      if (person.org != NULL && rng_percent (rng, 40))
        add_address (contact, rng, person.org->city, "work");
      else
        add_address (contact, rng, person.city, "home");
    }

  add_tags (contact, rng, tags_for_people, G_N_ELEMENTS (tags_for_people), 3);
  set_person_meeting (contact, rng, person.feminine, contacts, people, today_julian);
  set_person_birthday (contact, rng);
  set_cadence (contact, rng);

  fillers.org = person.org != NULL ? person.org->name : NULL;
  fillers.city = person.city->locality;
  if (rng_percent (rng, 80))
    set_note (contact, rng, person_sentences, G_N_ELEMENTS (person_sentences), 4, &fillers);

  g_free (person.given_slug);
  g_free (person.family_slug);

  return contact;
}

/* ------------------------------------------------------------------------
 * The network.
 * --------------------------------------------------------------------- */

static guint32
today_julian_day (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date,
                  (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));

  return g_date_get_julian (&date);
}

GPtrArray *
reseau_demo_generate (guint   n_contacts,
                      guint32 seed)
{
  GPtrArray *contacts = g_ptr_array_new_full (n_contacts, g_object_unref);
  g_autoptr(GArray) people = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_contacts);
  guint32 today = today_julian_day ();
  DemoOrg *orgs;
  GHashTable *org_names;
  guint n_org_contacts;
  guint n_orgs;
  DemoRng rng;

  rng_init (&rng, seed);

  /* One contact in ten is an organization (the fifth of every ten), and
   * people work at those same organizations; a few extra exist so that a
   * tiny network still has employers. */
  n_org_contacts = (n_contacts + 4) / 10;
  n_orgs = MAX (n_org_contacts, 3);
  orgs = g_new0 (DemoOrg, n_orgs);
  org_names = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n_orgs; i++)
    demo_org_init (&orgs[i], &rng, org_names);
  g_hash_table_unref (org_names);

  for (guint i = 0; i < n_contacts; i++)
    {
      if (i % 10 == 5)
        {
          g_ptr_array_add (contacts, make_organization (&rng, &orgs[i / 10], today));
        }
      else
        {
          g_ptr_array_add (contacts, make_person (&rng, orgs, n_orgs, contacts, people, today));
          g_array_append_val (people, i);
        }
    }

  for (guint i = 0; i < n_orgs; i++)
    demo_org_clear (&orgs[i]);
  g_free (orgs);

  return contacts;
}

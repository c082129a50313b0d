/* reseau-csv-contacts.c — contacts from LinkedIn, Google and Outlook CSV exports
 *
 * The header row decides everything. Each dialect has a table of aliases:
 * for every column header a service writes, in English or in French, the
 * model field it holds. Headers are compared folded (lower case, accents
 * removed, only letters and digits kept), so "E-mail 1 - Libellé" and
 * "email 1 libelle" are the same column; a '#' in an alias stands for the
 * number Google puts in its repeated columns ("E-mail 2 - Value").
 *
 * The header is compiled once into a layout (which column feeds what, label
 * columns paired with their value columns, address parts grouped), so that
 * each row costs one pass over its cells.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "reseau-csv.h"
#include "reseau-csv-contacts.h"
#include "reseau-problem.h"
#include "reseau-text.h"

/* LinkedIn puts a few lines of notes before its header; a handful of
 * records is plenty to get past them without reading a whole foreign file. */
#define HEADER_SEARCH_RECORDS 20
/* The widest export we know (Outlook) has under a hundred columns; a record
 * much wider is data, and matching every cell of it against the aliases
 * would only cost time. */
#define HEADER_MAX_COLUMNS 1024
#define CANCEL_CHECK_ROWS 1000
/* Google numbers its repeated columns from 1; a bigger number than this is
 * not a real export, and the limit keeps group keys small. */
#define MAX_GROUP_NUMBER 99999
/* Each tag added is checked against those already there; no address book
 * gives a person this many, and the cap keeps a hostile cell of a million
 * tags from costing a million squared comparisons. */
#define MAX_TAGS_PER_ROW 256

typedef enum
{
  COLUMN_IGNORE,
  /* Scalars: one cell each. */
  COLUMN_FULL_NAME,
  COLUMN_PREFIX,
  COLUMN_GIVEN_NAME,
  COLUMN_ADDITIONAL_NAMES,
  COLUMN_FAMILY_NAME,
  COLUMN_SUFFIX,
  COLUMN_NICKNAME,
  COLUMN_ORGANIZATION,
  COLUMN_TITLE,
  COLUMN_BIRTHDAY,
  COLUMN_ANNIVERSARY,
  COLUMN_NOTE,
  COLUMN_TAGS,
  COLUMN_MET_ON,
  N_SCALAR_COLUMNS,
  /* Labelled values: a value column, maybe paired with a label column. */
  COLUMN_EMAIL,
  COLUMN_EMAIL_LABEL,
  COLUMN_PHONE,
  COLUMN_PHONE_LABEL,
  COLUMN_URL,
  COLUMN_URL_LABEL,
  /* Address parts, grouped by number (Google) or by place (Outlook). */
  COLUMN_ADDRESS_LABEL,
  COLUMN_ADDRESS_FORMATTED,
  COLUMN_ADDRESS_STREET,
  COLUMN_ADDRESS_STREET_2,
  COLUMN_ADDRESS_STREET_3,
  COLUMN_ADDRESS_EXTENDED,
  COLUMN_ADDRESS_PO_BOX,
  COLUMN_ADDRESS_LOCALITY,
  COLUMN_ADDRESS_REGION,
  COLUMN_ADDRESS_POSTAL_CODE,
  COLUMN_ADDRESS_COUNTRY,
} ColumnKind;

#define FIRST_ADDRESS_PART COLUMN_ADDRESS_FORMATTED
#define N_ADDRESS_PARTS (COLUMN_ADDRESS_COUNTRY - FIRST_ADDRESS_PART + 1)

typedef enum
{
  /* Only this dialect writes the header: it tells the dialects apart. */
  ALIAS_DISTINCTIVE = 1 << 0,
  /* The header is French (dates in French files put the day first). */
  ALIAS_FRENCH      = 1 << 1,
  ALIAS_ENGLISH     = 1 << 2,
} AliasFlags;

typedef struct
{
  const char *pattern;
  ColumnKind  kind;
  /* Outlook's columns are not numbered: the place is the group. */
  guint       group;
  /* The label a value or address gets when the column itself says it. */
  const char *label;
  AliasFlags  flags;
} ColumnAlias;

#define D ALIAS_DISTINCTIVE
#define FR ALIAS_FRENCH
#define EN ALIAS_ENGLISH

static const ColumnAlias linkedin_aliases[] = {
  { "firstname",        COLUMN_GIVEN_NAME,   0, NULL, EN },
  { "prenom",           COLUMN_GIVEN_NAME,   0, NULL, FR },
  { "lastname",         COLUMN_FAMILY_NAME,  0, NULL, EN },
  { "nom",              COLUMN_FAMILY_NAME,  0, NULL, FR },
  { "nomdefamille",     COLUMN_FAMILY_NAME,  0, NULL, FR },
  { "url",              COLUMN_URL,          0, "LinkedIn", 0 },
  { "profileurl",       COLUMN_URL,          0, "LinkedIn", EN },
  { "urldeprofil",      COLUMN_URL,          0, "LinkedIn", FR },
  { "urldupofil",       COLUMN_URL,          0, "LinkedIn", FR },
  { "emailaddress",     COLUMN_EMAIL,        0, NULL, EN },
  { "email",            COLUMN_EMAIL,        0, NULL, 0 },
  { "adresseemail",     COLUMN_EMAIL,        0, NULL, FR },
  { "adressemail",      COLUMN_EMAIL,        0, NULL, FR },
  { "courriel",         COLUMN_EMAIL,        0, NULL, FR },
  { "company",          COLUMN_ORGANIZATION, 0, NULL, EN },
  { "entreprise",       COLUMN_ORGANIZATION, 0, NULL, FR },
  { "societe",          COLUMN_ORGANIZATION, 0, NULL, FR },
  { "position",         COLUMN_TITLE,        0, NULL, EN },
  { "poste",            COLUMN_TITLE,        0, NULL, FR },
  { "intituledeposte",  COLUMN_TITLE,        0, NULL, FR },
  { "connectedon",      COLUMN_MET_ON,       0, NULL, D | EN },
  { "datedeconnexion",  COLUMN_MET_ON,       0, NULL, D | FR },
  { "connectele",       COLUMN_MET_ON,       0, NULL, D | FR },
  { "dateconnexion",    COLUMN_MET_ON,       0, NULL, D | FR },
};

static const ColumnAlias google_aliases[] = {
  /* Names: the current export ("First Name") and the older one ("Given Name"). */
  { "name",                   COLUMN_FULL_NAME,        0, NULL, EN },
  { "nom",                    COLUMN_FULL_NAME,        0, NULL, FR },
  { "firstname",              COLUMN_GIVEN_NAME,       0, NULL, EN },
  { "givenname",              COLUMN_GIVEN_NAME,       0, NULL, D | EN },
  { "prenom",                 COLUMN_GIVEN_NAME,       0, NULL, FR },
  { "middlename",             COLUMN_ADDITIONAL_NAMES, 0, NULL, EN },
  { "additionalname",         COLUMN_ADDITIONAL_NAMES, 0, NULL, D | EN },
  { "deuxiemeprenom",         COLUMN_ADDITIONAL_NAMES, 0, NULL, FR },
  { "autresprenoms",          COLUMN_ADDITIONAL_NAMES, 0, NULL, FR },
  { "lastname",               COLUMN_FAMILY_NAME,      0, NULL, EN },
  { "familyname",             COLUMN_FAMILY_NAME,      0, NULL, D | EN },
  { "nomdefamille",           COLUMN_FAMILY_NAME,      0, NULL, D | FR },
  { "nameprefix",             COLUMN_PREFIX,           0, NULL, D | EN },
  { "prefixedunom",           COLUMN_PREFIX,           0, NULL, D | FR },
  { "prefixe",                COLUMN_PREFIX,           0, NULL, FR },
  { "namesuffix",             COLUMN_SUFFIX,           0, NULL, D | EN },
  { "suffixedunom",           COLUMN_SUFFIX,           0, NULL, D | FR },
  { "suffixe",                COLUMN_SUFFIX,           0, NULL, FR },
  { "nickname",               COLUMN_NICKNAME,         0, NULL, EN },
  { "surnom",                 COLUMN_NICKNAME,         0, NULL, FR },
  { "fileas",                 COLUMN_IGNORE,           0, NULL, D | EN },
  { "classersous",            COLUMN_IGNORE,           0, NULL, D | FR },
  { "birthday",               COLUMN_BIRTHDAY,         0, NULL, EN },
  { "anniversaire",           COLUMN_BIRTHDAY,         0, NULL, FR },
  { "datedenaissance",        COLUMN_BIRTHDAY,         0, NULL, FR },
  { "notes",                  COLUMN_NOTE,             0, NULL, 0 },
  { "note",                   COLUMN_NOTE,             0, NULL, 0 },
  { "remarques",              COLUMN_NOTE,             0, NULL, FR },
  { "labels",                 COLUMN_TAGS,             0, NULL, D | EN },
  { "groupmembership",        COLUMN_TAGS,             0, NULL, D | EN },
  { "libelles",               COLUMN_TAGS,             0, NULL, D | FR },
  { "appartenanceaungroupe",  COLUMN_TAGS,             0, NULL, D | FR },
  { "groupes",                COLUMN_TAGS,             0, NULL, D | FR },

  /* Organization: one unnumbered set now, numbered sets in the old export. */
  { "organizationname",       COLUMN_ORGANIZATION,     0, NULL, D | EN },
  { "organization#name",      COLUMN_ORGANIZATION,     0, NULL, D | EN },
  { "organisationnom",        COLUMN_ORGANIZATION,     0, NULL, D | FR },
  { "organisation#nom",       COLUMN_ORGANIZATION,     0, NULL, D | FR },
  { "nomdelorganisation",     COLUMN_ORGANIZATION,     0, NULL, D | FR },
  { "organizationtitle",      COLUMN_TITLE,            0, NULL, D | EN },
  { "organization#title",     COLUMN_TITLE,            0, NULL, D | EN },
  { "organisationtitre",      COLUMN_TITLE,            0, NULL, D | FR },
  { "organisation#titre",     COLUMN_TITLE,            0, NULL, D | FR },
  { "organisationposte",      COLUMN_TITLE,            0, NULL, D | FR },
  { "organisation#poste",     COLUMN_TITLE,            0, NULL, D | FR },
  { "organisationfonction",   COLUMN_TITLE,            0, NULL, D | FR },
  { "titredelorganisation",   COLUMN_TITLE,            0, NULL, D | FR },
  { "postedanslorganisation", COLUMN_TITLE,            0, NULL, D | FR },

  { "email#value",            COLUMN_EMAIL,            0, NULL, D | EN },
  { "email#valeur",           COLUMN_EMAIL,            0, NULL, D | FR },
  { "email#label",            COLUMN_EMAIL_LABEL,      0, NULL, D | EN },
  { "email#type",             COLUMN_EMAIL_LABEL,      0, NULL, D },
  { "email#libelle",          COLUMN_EMAIL_LABEL,      0, NULL, D | FR },
  { "phone#value",            COLUMN_PHONE,            0, NULL, D | EN },
  { "telephone#valeur",       COLUMN_PHONE,            0, NULL, D | FR },
  { "phone#label",            COLUMN_PHONE_LABEL,      0, NULL, D | EN },
  { "phone#type",             COLUMN_PHONE_LABEL,      0, NULL, D | EN },
  { "telephone#libelle",      COLUMN_PHONE_LABEL,      0, NULL, D | FR },
  { "telephone#type",         COLUMN_PHONE_LABEL,      0, NULL, D | FR },
  { "website#value",          COLUMN_URL,              0, NULL, D | EN },
  { "siteweb#valeur",         COLUMN_URL,              0, NULL, D | FR },
  { "siteinternet#valeur",    COLUMN_URL,              0, NULL, D | FR },
  { "website#label",          COLUMN_URL_LABEL,        0, NULL, D | EN },
  { "website#type",           COLUMN_URL_LABEL,        0, NULL, D | EN },
  { "siteweb#libelle",        COLUMN_URL_LABEL,        0, NULL, D | FR },
  { "siteweb#type",           COLUMN_URL_LABEL,        0, NULL, D | FR },
  { "siteinternet#libelle",   COLUMN_URL_LABEL,        0, NULL, D | FR },

  { "address#label",          COLUMN_ADDRESS_LABEL,       0, NULL, D | EN },
  { "address#type",           COLUMN_ADDRESS_LABEL,       0, NULL, D | EN },
  { "adresse#libelle",        COLUMN_ADDRESS_LABEL,       0, NULL, D | FR },
  { "adresse#type",           COLUMN_ADDRESS_LABEL,       0, NULL, D | FR },
  { "address#formatted",      COLUMN_ADDRESS_FORMATTED,   0, NULL, D | EN },
  { "adresse#formatee",       COLUMN_ADDRESS_FORMATTED,   0, NULL, D | FR },
  { "adresse#miseenforme",    COLUMN_ADDRESS_FORMATTED,   0, NULL, D | FR },
  { "adresse#adresseformatee", COLUMN_ADDRESS_FORMATTED,  0, NULL, D | FR },
  { "address#street",         COLUMN_ADDRESS_STREET,      0, NULL, D | EN },
  { "adresse#rue",            COLUMN_ADDRESS_STREET,      0, NULL, D | FR },
  { "address#extendedaddress", COLUMN_ADDRESS_EXTENDED,   0, NULL, D | EN },
  { "adresse#complementdadresse", COLUMN_ADDRESS_EXTENDED, 0, NULL, D | FR },
  { "adresse#adresseetendue", COLUMN_ADDRESS_EXTENDED,    0, NULL, D | FR },
  { "address#pobox",          COLUMN_ADDRESS_PO_BOX,      0, NULL, D | EN },
  { "adresse#boitepostale",   COLUMN_ADDRESS_PO_BOX,      0, NULL, D | FR },
  { "adresse#bp",             COLUMN_ADDRESS_PO_BOX,      0, NULL, D | FR },
  { "address#city",           COLUMN_ADDRESS_LOCALITY,    0, NULL, D | EN },
  { "adresse#ville",          COLUMN_ADDRESS_LOCALITY,    0, NULL, D | FR },
  { "address#region",         COLUMN_ADDRESS_REGION,      0, NULL, D | EN },
  { "adresse#region",         COLUMN_ADDRESS_REGION,      0, NULL, D | FR },
  { "address#postalcode",     COLUMN_ADDRESS_POSTAL_CODE, 0, NULL, D | EN },
  { "adresse#codepostal",     COLUMN_ADDRESS_POSTAL_CODE, 0, NULL, D | FR },
  { "address#country",        COLUMN_ADDRESS_COUNTRY,     0, NULL, D | EN },
  { "adresse#pays",           COLUMN_ADDRESS_COUNTRY,     0, NULL, D | FR },
};

/* Outlook spells each address part once per place: English puts the place
 * first ("Business City"), French after ("Ville (bureau)"). */
#define OUTLOOK_ADDRESS_EN(place, group, label) \
  { place "street",        COLUMN_ADDRESS_STREET,      group, label, D | EN }, \
  { place "street2",       COLUMN_ADDRESS_STREET_2,    group, label, D | EN }, \
  { place "street3",       COLUMN_ADDRESS_STREET_3,    group, label, D | EN }, \
  { place "pobox",         COLUMN_ADDRESS_PO_BOX,      group, label, D | EN }, \
  { place "addresspobox",  COLUMN_ADDRESS_PO_BOX,      group, label, D | EN }, \
  { place "city",          COLUMN_ADDRESS_LOCALITY,    group, label, D | EN }, \
  { place "state",         COLUMN_ADDRESS_REGION,      group, label, D | EN }, \
  { place "postalcode",    COLUMN_ADDRESS_POSTAL_CODE, group, label, D | EN }, \
  { place "countryregion", COLUMN_ADDRESS_COUNTRY,     group, label, D | EN }, \
  { place "country",       COLUMN_ADDRESS_COUNTRY,     group, label, D | EN }

#define OUTLOOK_ADDRESS_FR(place, group, label) \
  { "rue" place,           COLUMN_ADDRESS_STREET,      group, label, D | FR }, \
  { "rue" place "2",       COLUMN_ADDRESS_STREET_2,    group, label, D | FR }, \
  { "rue" place "3",       COLUMN_ADDRESS_STREET_3,    group, label, D | FR }, \
  { "bp" place,            COLUMN_ADDRESS_PO_BOX,      group, label, D | FR }, \
  { "boitepostale" place,  COLUMN_ADDRESS_PO_BOX,      group, label, D | FR }, \
  { "ville" place,         COLUMN_ADDRESS_LOCALITY,    group, label, D | FR }, \
  { "depregion" place,     COLUMN_ADDRESS_REGION,      group, label, D | FR }, \
  { "region" place,        COLUMN_ADDRESS_REGION,      group, label, D | FR }, \
  { "etat" place,          COLUMN_ADDRESS_REGION,      group, label, D | FR }, \
  { "codepostal" place,    COLUMN_ADDRESS_POSTAL_CODE, group, label, D | FR }, \
  { "paysregion" place,    COLUMN_ADDRESS_COUNTRY,     group, label, D | FR }, \
  { "pays" place,          COLUMN_ADDRESS_COUNTRY,     group, label, D | FR }

static const ColumnAlias outlook_aliases[] = {
  /* Outlook's "Title" is the courtesy title (M., Mme), not the job. */
  { "title",                COLUMN_PREFIX,           0, NULL, EN },
  { "titre",                COLUMN_PREFIX,           0, NULL, FR },
  { "civilite",             COLUMN_PREFIX,           0, NULL, FR },
  { "firstname",            COLUMN_GIVEN_NAME,       0, NULL, EN },
  { "prenom",               COLUMN_GIVEN_NAME,       0, NULL, FR },
  { "middlename",           COLUMN_ADDITIONAL_NAMES, 0, NULL, EN },
  { "deuxiemeprenom",       COLUMN_ADDITIONAL_NAMES, 0, NULL, FR },
  { "lastname",             COLUMN_FAMILY_NAME,      0, NULL, EN },
  { "nom",                  COLUMN_FAMILY_NAME,      0, NULL, FR },
  { "suffix",               COLUMN_SUFFIX,           0, NULL, EN },
  { "suffixe",              COLUMN_SUFFIX,           0, NULL, FR },
  { "nickname",             COLUMN_NICKNAME,         0, NULL, EN },
  { "surnom",               COLUMN_NICKNAME,         0, NULL, FR },
  { "company",              COLUMN_ORGANIZATION,     0, NULL, EN },
  { "societe",              COLUMN_ORGANIZATION,     0, NULL, D | FR },
  { "jobtitle",             COLUMN_TITLE,            0, NULL, D | EN },
  { "titrefonction",        COLUMN_TITLE,            0, NULL, D | FR },
  { "fonction",             COLUMN_TITLE,            0, NULL, D | FR },
  { "birthday",             COLUMN_BIRTHDAY,         0, NULL, EN },
  { "anniversaire",         COLUMN_BIRTHDAY,         0, NULL, FR },
  { "anniversary",          COLUMN_ANNIVERSARY,      0, NULL, D | EN },
  { "anniversairedemariage", COLUMN_ANNIVERSARY,     0, NULL, D | FR },
  { "categories",           COLUMN_TAGS,             0, NULL, D },
  { "notes",                COLUMN_NOTE,             0, NULL, 0 },

  OUTLOOK_ADDRESS_EN ("business", 1, "work"),
  OUTLOOK_ADDRESS_EN ("home",     2, "home"),
  OUTLOOK_ADDRESS_EN ("other",    3, NULL),
  OUTLOOK_ADDRESS_FR ("bureau",   1, "work"),
  OUTLOOK_ADDRESS_FR ("domicile", 2, "home"),
  OUTLOOK_ADDRESS_FR ("autre",    3, NULL),

  { "businessphone",        COLUMN_PHONE, 0, "work",   D | EN },
  { "businessphone2",       COLUMN_PHONE, 0, "work",   D | EN },
  { "companymainphone",     COLUMN_PHONE, 0, "work",   D | EN },
  { "homephone",            COLUMN_PHONE, 0, "home",   D | EN },
  { "homephone2",           COLUMN_PHONE, 0, "home",   D | EN },
  { "mobilephone",          COLUMN_PHONE, 0, "mobile", D | EN },
  { "businessfax",          COLUMN_PHONE, 0, "fax",    D | EN },
  { "homefax",              COLUMN_PHONE, 0, "fax",    D | EN },
  { "pager",                COLUMN_PHONE, 0, "pager",  D | EN },
  { "primaryphone",         COLUMN_PHONE, 0, NULL,     D | EN },
  { "otherphone",           COLUMN_PHONE, 0, NULL,     D | EN },
  { "telephonebureau",      COLUMN_PHONE, 0, "work",   D | FR },
  { "telephone2bureau",     COLUMN_PHONE, 0, "work",   D | FR },
  { "telephonebureau2",     COLUMN_PHONE, 0, "work",   D | FR },
  { "telephonesociete",     COLUMN_PHONE, 0, "work",   D | FR },
  { "telephonedomicile",    COLUMN_PHONE, 0, "home",   D | FR },
  { "telephone2domicile",   COLUMN_PHONE, 0, "home",   D | FR },
  { "telephonedomicile2",   COLUMN_PHONE, 0, "home",   D | FR },
  { "telmobile",            COLUMN_PHONE, 0, "mobile", D | FR },
  { "telephonemobile",      COLUMN_PHONE, 0, "mobile", D | FR },
  { "telecopiebureau",      COLUMN_PHONE, 0, "fax",    D | FR },
  { "telecopiedomicile",    COLUMN_PHONE, 0, "fax",    D | FR },
  { "faxbureau",            COLUMN_PHONE, 0, "fax",    D | FR },
  { "faxdomicile",          COLUMN_PHONE, 0, "fax",    D | FR },
  { "radiomessagerie",      COLUMN_PHONE, 0, "pager",  D | FR },
  { "telephoneprincipal",   COLUMN_PHONE, 0, NULL,     D | FR },
  { "autretelephone",       COLUMN_PHONE, 0, NULL,     D | FR },

  { "emailaddress",         COLUMN_EMAIL, 0, NULL, D | EN },
  { "email2address",        COLUMN_EMAIL, 0, NULL, D | EN },
  { "email3address",        COLUMN_EMAIL, 0, NULL, D | EN },
  { "adressedemessagerie",  COLUMN_EMAIL, 0, NULL, D | FR },
  { "adressedemessagerie2", COLUMN_EMAIL, 0, NULL, D | FR },
  { "adressedemessagerie3", COLUMN_EMAIL, 0, NULL, D | FR },
  { "webpage",              COLUMN_URL,   0, NULL, D | EN },
  { "pageweb",              COLUMN_URL,   0, NULL, D | FR },
};

#undef D
#undef FR
#undef EN

typedef struct
{
  ReseauField  field;
  int          value_column;
  int          label_column;  /* -1 when the label is fixed or unknown */
  const char  *fixed_label;
} ValueSlot;

typedef struct
{
  guint        group;
  int          label_column;
  const char  *fixed_label;
  int          parts[N_ADDRESS_PARTS];
} AddressSlot;

typedef struct
{
  ReseauCsvDialect  dialect;
  /* French Outlook writes 12/04/1980 for the 12th of April. */
  gboolean          day_first;
  GStrv             header;
  int               scalars[N_SCALAR_COLUMNS];
  GArray           *values;     /* ValueSlot */
  GArray           *addresses;  /* AddressSlot */
  /* Label as written → the app's label (or NULL): a file repeats a handful
   * of labels on every row, so each is folded only once. */
  GHashTable       *labels;
} Layout;

/* Enough for every label a real address book uses; past it, labels are
 * mapped anew each time rather than letting a hostile file grow the cache. */
#define MAX_CACHED_LABELS 512

static void
layout_free (Layout *layout)
{
  if (layout == NULL)
    return;

  g_strfreev (layout->header);
  g_clear_pointer (&layout->values, g_array_unref);
  g_clear_pointer (&layout->addresses, g_array_unref);
  g_clear_pointer (&layout->labels, g_hash_table_unref);
  g_free (layout);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Layout, layout_free)

/* Folded and reduced to letters and digits: the form aliases are written in.
 * Labels are matched this way on every row, so plain ASCII (most of them)
 * skips the Unicode folding. */
static char *
normalize_key (const char *text)
{
  g_autofree char *folded = NULL;
  char *out;

  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x80)
        {
          folded = reseau_text_fold (text);
          break;
        }
    }
  if (folded == NULL)
    folded = g_ascii_strdown (text, -1);

  out = folded;
  for (const char *p = folded; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      *out++ = *p;
  *out = '\0';

  return g_steal_pointer (&folded);
}

static gboolean
match_pattern (const char *pattern,
               const char *key,
               guint      *number)
{
  *number = 0;

  while (*pattern != '\0')
    {
      if (*pattern == '#')
        {
          guint n = 0;
          guint digits = 0;

          while (g_ascii_isdigit (*key))
            {
              if (n > MAX_GROUP_NUMBER / 10)
                return FALSE;
              n = n * 10 + (guint) (*key - '0');
              key++;
              digits++;
            }
          if (digits == 0)
            return FALSE;

          *number = n;
          pattern++;
          continue;
        }

      if (*pattern != *key)
        return FALSE;
      pattern++;
      key++;
    }

  return *key == '\0';
}

static const ColumnAlias *
find_alias (const ColumnAlias *aliases,
            gsize              n_aliases,
            const char        *key,
            guint             *number)
{
  for (gsize i = 0; i < n_aliases; i++)
    if (match_pattern (aliases[i].pattern, key, number))
      return &aliases[i];

  return NULL;
}

static gboolean
is_value_kind (ColumnKind kind)
{
  return kind == COLUMN_EMAIL || kind == COLUMN_PHONE || kind == COLUMN_URL;
}

static gboolean
is_label_kind (ColumnKind kind)
{
  return kind == COLUMN_EMAIL_LABEL || kind == COLUMN_PHONE_LABEL || kind == COLUMN_URL_LABEL;
}

static ReseauField
field_for_kind (ColumnKind kind)
{
  if (kind == COLUMN_EMAIL || kind == COLUMN_EMAIL_LABEL)
    return RESEAU_FIELD_EMAIL;
  if (kind == COLUMN_PHONE || kind == COLUMN_PHONE_LABEL)
    return RESEAU_FIELD_PHONE;
  return RESEAU_FIELD_URL;
}

/* One key for a (field, number) pair, so that "Phone 2 - Label" finds
 * "Phone 2 - Value" through a hash table rather than a scan per column. */
static gpointer
group_key (ReseauField field,
           guint       group)
{
  return GUINT_TO_POINTER ((group << 2) | (guint) field);
}

static AddressSlot *
address_slot_for_group (Layout     *layout,
                        GHashTable *address_groups,
                        guint       group)
{
  gpointer index;

  if (!g_hash_table_lookup_extended (address_groups, GUINT_TO_POINTER (group), NULL, &index))
    {
      AddressSlot slot = { group, -1, NULL, { 0, } };

      for (guint i = 0; i < N_ADDRESS_PARTS; i++)
        slot.parts[i] = -1;
      index = GUINT_TO_POINTER (layout->addresses->len);
      g_array_append_val (layout->addresses, slot);
      g_hash_table_insert (address_groups, GUINT_TO_POINTER (group), index);
    }

  return &g_array_index (layout->addresses, AddressSlot, GPOINTER_TO_UINT (index));
}

/* Maps a header row with one dialect's aliases. Returns NULL when the row
 * has none of the dialect's distinctive columns, or nothing to know a
 * person by. */
static Layout *
compile_layout (ReseauCsvDialect   dialect,
                const char *const *keys,
                guint              n_columns,
                guint             *score)
{
  const ColumnAlias *aliases;
  gsize n_aliases;
  g_autoptr(Layout) layout = g_new0 (Layout, 1);
  g_autoptr(GHashTable) label_columns = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) address_groups = g_hash_table_new (NULL, NULL);
  g_autofree const ColumnAlias **matched = g_new0 (const ColumnAlias *, n_columns + 1);
  g_autofree guint *numbers = g_new0 (guint, n_columns + 1);
  guint distinctive = 0;
  int french = 0;
  gboolean identity = FALSE;

  if (dialect == RESEAU_CSV_DIALECT_LINKEDIN)
    {
      aliases = linkedin_aliases;
      n_aliases = G_N_ELEMENTS (linkedin_aliases);
    }
  else if (dialect == RESEAU_CSV_DIALECT_GOOGLE)
    {
      aliases = google_aliases;
      n_aliases = G_N_ELEMENTS (google_aliases);
    }
  else
    {
      aliases = outlook_aliases;
      n_aliases = G_N_ELEMENTS (outlook_aliases);
    }

  layout->dialect = dialect;
  layout->values = g_array_new (FALSE, FALSE, sizeof (ValueSlot));
  layout->addresses = g_array_new (FALSE, FALSE, sizeof (AddressSlot));
  layout->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < N_SCALAR_COLUMNS; i++)
    layout->scalars[i] = -1;

  /* First pass: what each column is, and where the label columns are. */
  for (guint column = 0; column < n_columns; column++)
    {
      const ColumnAlias *alias = find_alias (aliases, n_aliases, keys[column], &numbers[column]);

      if (alias == NULL)
        continue;

      matched[column] = alias;
      if (alias->flags & ALIAS_DISTINCTIVE)
        distinctive++;
      if (alias->flags & ALIAS_FRENCH)
        french++;
      if (alias->flags & ALIAS_ENGLISH)
        french--;

      if (is_label_kind (alias->kind))
        {
          gpointer key = group_key (field_for_kind (alias->kind), numbers[column]);

          if (!g_hash_table_contains (label_columns, key))
            g_hash_table_insert (label_columns, key, GINT_TO_POINTER (column));
        }
    }

  /* Second pass: scalars, value slots, address groups. */
  for (guint column = 0; column < n_columns; column++)
    {
      const ColumnAlias *alias = matched[column];
      ColumnKind kind;

      if (alias == NULL || alias->kind == COLUMN_IGNORE)
        continue;

      kind = alias->kind;
      if (kind < N_SCALAR_COLUMNS)
        {
          if (layout->scalars[kind] < 0)
            layout->scalars[kind] = (int) column;
          if (kind != COLUMN_BIRTHDAY && kind != COLUMN_ANNIVERSARY && kind != COLUMN_NOTE
              && kind != COLUMN_TAGS && kind != COLUMN_MET_ON)
            identity = TRUE;
        }
      else if (is_value_kind (kind))
        {
          ValueSlot slot = { field_for_kind (kind), (int) column, -1, alias->label };
          gpointer label_column;

          if (alias->label == NULL
              && g_hash_table_lookup_extended (label_columns,
                                               group_key (slot.field, numbers[column]),
                                               NULL, &label_column))
            slot.label_column = GPOINTER_TO_INT (label_column);

          g_array_append_val (layout->values, slot);
          if (kind != COLUMN_URL)
            identity = TRUE;
        }
      else if (kind >= COLUMN_ADDRESS_LABEL)
        {
          guint group = alias->group != 0 ? alias->group : numbers[column];
          AddressSlot *slot = address_slot_for_group (layout, address_groups, group);

          if (kind == COLUMN_ADDRESS_LABEL)
            {
              if (slot->label_column < 0)
                slot->label_column = (int) column;
            }
          else if (slot->parts[kind - FIRST_ADDRESS_PART] < 0)
            {
              slot->parts[kind - FIRST_ADDRESS_PART] = (int) column;
            }
          if (alias->label != NULL)
            slot->fixed_label = alias->label;
        }
    }

  *score = distinctive;
  if (distinctive == 0 || !identity)
    return NULL;

  /* Outlook's numeric dates follow the language of its headers. */
  layout->day_first = french > 0;

  return g_steal_pointer (&layout);
}

/* Tries the dialects on a header row; LinkedIn first since its columns are
 * a subset of what the others also write, then whichever of Google and
 * Outlook recognises more of the row. */
static Layout *
layout_for_header (char **header)
{
  guint n_columns = g_strv_length (header);
  g_auto(GStrv) keys = g_new0 (char *, n_columns + 1);
  g_autoptr(Layout) google = NULL;
  g_autoptr(Layout) outlook = NULL;
  Layout *linkedin;
  guint google_score = 0;
  guint outlook_score = 0;
  guint unused;

  for (guint i = 0; i < n_columns; i++)
    keys[i] = normalize_key (header[i]);

  linkedin = compile_layout (RESEAU_CSV_DIALECT_LINKEDIN, (const char *const *) keys,
                             n_columns, &unused);
  if (linkedin != NULL)
    return linkedin;

  google = compile_layout (RESEAU_CSV_DIALECT_GOOGLE, (const char *const *) keys,
                           n_columns, &google_score);
  outlook = compile_layout (RESEAU_CSV_DIALECT_OUTLOOK, (const char *const *) keys,
                            n_columns, &outlook_score);

  if (google != NULL && (outlook == NULL || google_score >= outlook_score))
    return g_steal_pointer (&google);

  return g_steal_pointer (&outlook);
}

static gboolean
record_is_blank (char **record)
{
  for (guint i = 0; record[i] != NULL; i++)
    {
      for (const char *p = record[i]; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
    }

  return TRUE;
}

/* Reads past any preamble to the header row; the reader is left on the first
 * data row. NULL when no record in the first few is a header we know. */
static Layout *
find_header (ReseauCsvReader *reader)
{
  for (guint i = 0; i < HEADER_SEARCH_RECORDS; i++)
    {
      g_auto(GStrv) record = reseau_csv_reader_next (reader, NULL);
      Layout *layout;

      if (record == NULL)
        break;
      if (record_is_blank (record) || g_strv_length (record) > HEADER_MAX_COLUMNS)
        continue;

      if ((layout = layout_for_header (record)) != NULL)
        {
          layout->header = g_steal_pointer (&record);
          return layout;
        }
    }

  return NULL;
}

ReseauCsvDialect
reseau_csv_detect_dialect (const char *data,
                           gsize       length)
{
  g_autoptr(ReseauCsvReader) reader = NULL;
  g_autoptr(Layout) layout = NULL;

  g_return_val_if_fail (data != NULL || length == 0, RESEAU_CSV_DIALECT_UNKNOWN);

  reader = reseau_csv_reader_new (data, length, 0);
  layout = find_header (reader);

  return layout != NULL ? layout->dialect : RESEAU_CSV_DIALECT_UNKNOWN;
}

const char *
reseau_csv_dialect_to_string (ReseauCsvDialect dialect)
{
  switch (dialect)
    {
    case RESEAU_CSV_DIALECT_LINKEDIN:
      return "LinkedIn";
    case RESEAU_CSV_DIALECT_GOOGLE:
      return "Google Contacts";
    case RESEAU_CSV_DIALECT_OUTLOOK:
      return "Outlook";
    case RESEAU_CSV_DIALECT_UNKNOWN:
    default:
      return _("Unknown");
    }
}

/* ---- Reading cells ---------------------------------------------------- */

static const char *
cell (char **row,
      guint  n_cells,
      int    column)
{
  if (column < 0 || (guint) column >= n_cells || row[column][0] == '\0')
    return NULL;

  return row[column];
}

/* Google's labels are "* Work" for its own and free text for the user's;
 * the app's are "work", "home", "mobile" or the user's text. */
static char *
map_label (const char *text)
{
  static const struct { const char *key; const char *label; } known[] = {
    { "work", "work" }, { "travail", "work" }, { "professionnel", "work" },
    { "bureau", "work" }, { "pro", "work" },
    { "home", "home" }, { "domicile", "home" }, { "personnel", "home" },
    { "perso", "home" }, { "maison", "home" },
    { "mobile", "mobile" }, { "cell", "mobile" }, { "portable", "mobile" },
    { "cellulaire", "mobile" },
    { "main", "main" }, { "principal", "main" },
    { "fax", "fax" }, { "workfax", "fax" }, { "homefax", "fax" },
    { "telecopie", "fax" }, { "faxprofessionnel", "fax" }, { "faxdomicile", "fax" },
    { "pager", "pager" }, { "bipeur", "pager" },
    { "other", NULL }, { "autre", NULL },
  };
  g_autofree char *key = NULL;

  if (text == NULL)
    return NULL;

  while (*text == '*' || g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return NULL;

  key = normalize_key (text);
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (key, known[i].key))
      return g_strdup (known[i].label);

  return g_strdup (text);
}

/* map_label() through the layout's cache; the result is owned by the
 * layout when it is cached, else by *owned. */
static const char *
lookup_label (const Layout  *layout,
              const char    *text,
              char         **owned)
{
  gpointer label;

  if (text == NULL)
    return NULL;

  if (g_hash_table_lookup_extended (layout->labels, text, NULL, &label))
    return label;

  *owned = map_label (text);
  if (g_hash_table_size (layout->labels) >= MAX_CACHED_LABELS)
    return *owned;

  g_hash_table_insert (layout->labels, g_strdup (text), *owned);
  return g_steal_pointer (owned);
}

/* Google puts several values in one cell separated by " ::: ". */
static void
add_values (ReseauContact *contact,
            ReseauField    field,
            const char    *label,
            const char    *text,
            gboolean       split)
{
  g_auto(GStrv) parts = NULL;

  if (!split || strstr (text, ":::") == NULL)
    {
      reseau_contact_add_value (contact, field, label, text);
      return;
    }

  parts = g_strsplit (text, ":::", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    reseau_contact_add_value (contact, field, label, g_strstrip (parts[i]));
}

static void
add_tags (ReseauContact    *contact,
          ReseauCsvDialect  dialect,
          const char       *text)
{
  g_auto(GStrv) tags = g_strsplit (text, dialect == RESEAU_CSV_DIALECT_OUTLOOK ? ";" : ":::", -1);

  for (guint i = 0; tags[i] != NULL && i < MAX_TAGS_PER_ROW; i++)
    {
      const char *tag = g_strstrip (tags[i]);

      /* "* myContacts", "* starred": Google's own groups, not the user's. */
      if (tag[0] == '*')
        continue;
      reseau_contact_add_tag (contact, tag);
    }
}

static void
add_address (const Layout      *layout,
             ReseauContact     *contact,
             const AddressSlot *slot,
             char             **row,
             guint              n_cells)
{
  const char *part[N_ADDRESS_PARTS];
  g_autoptr(GString) street = g_string_new (NULL);
  g_autofree char *label = NULL;
  ReseauAddress address = { NULL, };

  for (guint i = 0; i < N_ADDRESS_PARTS; i++)
    part[i] = cell (row, n_cells, slot->parts[i]);

  /* Outlook splits the street over up to three columns. */
  for (guint i = COLUMN_ADDRESS_STREET; i <= COLUMN_ADDRESS_STREET_3; i++)
    {
      const char *line = part[i - FIRST_ADDRESS_PART];

      if (line == NULL)
        continue;
      if (street->len > 0)
        g_string_append_c (street, '\n');
      g_string_append (street, line);
    }

  address.street = street->len > 0 ? street->str : NULL;
  address.extended = (char *) part[COLUMN_ADDRESS_EXTENDED - FIRST_ADDRESS_PART];
  address.po_box = (char *) part[COLUMN_ADDRESS_PO_BOX - FIRST_ADDRESS_PART];
  address.locality = (char *) part[COLUMN_ADDRESS_LOCALITY - FIRST_ADDRESS_PART];
  address.region = (char *) part[COLUMN_ADDRESS_REGION - FIRST_ADDRESS_PART];
  address.postal_code = (char *) part[COLUMN_ADDRESS_POSTAL_CODE - FIRST_ADDRESS_PART];
  address.country = (char *) part[COLUMN_ADDRESS_COUNTRY - FIRST_ADDRESS_PART];

  /* Some contacts only have Google's one-cell form of the address; keeping
   * it as the street loses nothing. */
  if (reseau_address_is_empty (&address))
    address.street = (char *) part[COLUMN_ADDRESS_FORMATTED - FIRST_ADDRESS_PART];

  address.label = (char *) (slot->fixed_label != NULL
                            ? slot->fixed_label
                            : lookup_label (layout, cell (row, n_cells, slot->label_column), &label));

  reseau_contact_add_address (contact, &address);
}

/* ---- Dates ------------------------------------------------------------ */

static int
month_from_word (const char *word)
{
  static const char *const names[][12] = {
    { "january", "february", "march", "april", "may", "june", "july",
      "august", "september", "october", "november", "december" },
    { "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet",
      "aout", "septembre", "octobre", "novembre", "decembre" },
  };
  g_autofree char *key = normalize_key (word);
  gsize length = strlen (key);

  /* "Mar", "mars", "sept", "déc.": any start of a month's name that is
   * long enough not to be ambiguous. */
  if (length < 3)
    return 0;

  for (guint language = 0; language < G_N_ELEMENTS (names); language++)
    for (guint month = 0; month < 12; month++)
      if (strncmp (names[language][month], key, length) == 0)
        return (int) month + 1;

  return 0;
}

static int
two_digit_year (int year)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  int this_year = g_date_time_get_year (now);

  /* Dates read here are in the past: "80" is 1980, "05" is 2005. */
  if (2000 + year > this_year)
    return 1900 + year;
  return 2000 + year;
}

/* Splits a date into its numbers and its month word: "12 Mar 2024",
 * "Mar 12, 2024", "12 mars 2024", "4/12/1980", "2024-03-12". At most three
 * numbers are kept; more makes the date unreadable. */
static gboolean
split_date (const char *text,
            int         numbers[3],
            guint       digits[3],
            guint      *n_numbers,
            int        *month_word)
{
  const char *p = text;

  *n_numbers = 0;
  *month_word = 0;

  while (*p != '\0')
    {
      if (g_ascii_isdigit (*p))
        {
          int value = 0;
          guint n = 0;

          while (g_ascii_isdigit (*p))
            {
              if (n >= 4)
                return FALSE;
              value = value * 10 + (*p - '0');
              n++;
              p++;
            }
          if (*n_numbers >= 3)
            return FALSE;
          numbers[*n_numbers] = value;
          digits[*n_numbers] = n;
          (*n_numbers)++;
        }
      else if (g_ascii_isalpha (*p) || (guchar) *p >= 0x80)
        {
          const char *start = p;
          g_autofree char *word = NULL;

          while (g_ascii_isalpha (*p) || (guchar) *p >= 0x80)
            p++;
          if (*month_word != 0)
            return FALSE;
          word = g_strndup (start, (gsize) (p - start));
          if ((*month_word = month_from_word (word)) == 0)
            return FALSE;
        }
      else
        {
          p++;
        }
    }

  return TRUE;
}

/* Reads any form of date the three exporters write. day_first decides
 * "4/12/1980" (the 12th of April in the US, the 4th of December in France).
 * *none is set for Outlook's "0/0/00", which means no date at all. */
static gboolean
parse_date (const char *text,
            gboolean    day_first,
            int        *year,
            int        *month,
            int        *day,
            gboolean   *none)
{
  int numbers[3] = { 0, };
  guint digits[3] = { 0, };
  guint n_numbers;
  int month_word;

  *none = FALSE;
  *year = *month = *day = 0;

  if (!split_date (text, numbers, digits, &n_numbers, &month_word))
    return FALSE;

  if (month_word != 0)
    {
      /* "12 Mar 2024" or "Mar 12, 2024": the four-digit number is the year. */
      if (n_numbers != 2)
        return FALSE;
      if (digits[0] == 4)
        {
          *year = numbers[0];
          *day = numbers[1];
        }
      else
        {
          *day = numbers[0];
          *year = numbers[1];
        }
      *month = month_word;
    }
  else if (n_numbers == 3 && digits[0] == 4)
    {
      *year = numbers[0];
      *month = numbers[1];
      *day = numbers[2];
    }
  else if (n_numbers == 3)
    {
      if (numbers[0] == 0 && numbers[1] == 0)
        {
          *none = TRUE;
          return FALSE;
        }
      /* A number above 12 can only be the day, whatever the file's language. */
      if (numbers[0] > 12 || (day_first && numbers[1] <= 12))
        {
          *day = numbers[0];
          *month = numbers[1];
        }
      else
        {
          *month = numbers[0];
          *day = numbers[1];
        }
      *year = digits[2] <= 2 ? two_digit_year (numbers[2]) : numbers[2];
    }
  else
    {
      return FALSE;
    }

  if (*year < 1 || *year > 9999 || *month < 1 || *month > 12 || *day < 1 || *day > 31)
    return FALSE;

  return g_date_valid_dmy ((GDateDay) *day, (GDateMonth) *month, (GDateYear) *year);
}

static void
add_date_problem (GPtrArray     *problems,
                  guint          line,
                  ReseauContact *contact,
                  const char    *text,
                  const char    *column)
{
  const char *subject = reseau_contact_get_display_name (contact);
  g_autofree char *message = NULL;

  if (problems == NULL)
    return;

  /* Translators: the first %s is the date as written in the file, the
   * second the header of its column, e.g. "Birthday". */
  message = g_strdup_printf (_("The date “%s” in the column “%s” could not be read, so it was left out and the rest of the row was imported. Correct the date in the file and import it again to add it."),
                             text, column);
  g_ptr_array_add (problems,
                   reseau_problem_new (NULL, line, subject[0] != '\0' ? subject : NULL, message));
}

/* Birthday or anniversary: Google writes the vCard forms (1980-04-12,
 * --04-12), Outlook its locale's (4/12/1980, or 0/0/00 for none). */
static void
read_date (const Layout  *layout,
           ColumnKind     kind,
           char         **row,
           guint          n_cells,
           guint          line,
           ReseauContact *contact,
           GPtrArray     *problems)
{
  const char *text = cell (row, n_cells, layout->scalars[kind]);
  int year, month, day;
  gboolean none = FALSE;
  gboolean parsed;

  if (text == NULL)
    return;

  if (kind == COLUMN_BIRTHDAY)
    parsed = reseau_contact_parse_birthday (contact, text);
  else
    parsed = reseau_contact_parse_anniversary (contact, text);

  if (!parsed && parse_date (text, layout->day_first, &year, &month, &day, &none))
    {
      if (kind == COLUMN_BIRTHDAY)
        parsed = reseau_contact_set_birthday (contact, year, month, day);
      else
        parsed = reseau_contact_set_anniversary (contact, year, month, day);
    }

  if (!parsed && !none)
    add_date_problem (problems, line, contact, text, layout->header[layout->scalars[kind]]);
}

/* ---- Rows ------------------------------------------------------------- */

/* Builds the contact of one row; NULL when the row has nothing to know a
 * person by (a problem says so). */
static ReseauContact *
contact_from_row (const Layout *layout,
                  char        **row,
                  guint         line,
                  GPtrArray    *problems)
{
  static void (*const setters[]) (ReseauContact *, const char *) = {
    [COLUMN_FULL_NAME] = reseau_contact_set_full_name,
    [COLUMN_PREFIX] = reseau_contact_set_prefix,
    [COLUMN_GIVEN_NAME] = reseau_contact_set_given_name,
    [COLUMN_ADDITIONAL_NAMES] = reseau_contact_set_additional_names,
    [COLUMN_FAMILY_NAME] = reseau_contact_set_family_name,
    [COLUMN_SUFFIX] = reseau_contact_set_suffix,
    [COLUMN_NICKNAME] = reseau_contact_set_nickname,
    [COLUMN_ORGANIZATION] = reseau_contact_set_organization,
    [COLUMN_TITLE] = reseau_contact_set_title,
    [COLUMN_NOTE] = reseau_contact_set_note,
  };
  g_autoptr(ReseauContact) contact = reseau_contact_new ();
  gboolean split = layout->dialect == RESEAU_CSV_DIALECT_GOOGLE;
  guint n_cells = g_strv_length (row);
  const char *text;

  for (guint i = 0; i < n_cells; i++)
    g_strstrip (row[i]);

  for (guint kind = 0; kind < G_N_ELEMENTS (setters); kind++)
    if (setters[kind] != NULL && (text = cell (row, n_cells, layout->scalars[kind])) != NULL)
      setters[kind] (contact, text);

  for (guint i = 0; i < layout->values->len; i++)
    {
      const ValueSlot *slot = &g_array_index (layout->values, ValueSlot, i);
      g_autofree char *owned = NULL;
      const char *label;

      if ((text = cell (row, n_cells, slot->value_column)) == NULL)
        continue;
      /* Outlook writes Exchange's internal "/o=…" names where an address
       * would be; they reach nobody outside that server. */
      if (slot->field == RESEAU_FIELD_EMAIL && text[0] == '/')
        continue;

      label = slot->fixed_label != NULL
        ? slot->fixed_label
        : lookup_label (layout, cell (row, n_cells, slot->label_column), &owned);
      add_values (contact, slot->field, label, text, split);
    }

  for (guint i = 0; i < layout->addresses->len; i++)
    add_address (layout, contact, &g_array_index (layout->addresses, AddressSlot, i), row, n_cells);

  if ((text = cell (row, n_cells, layout->scalars[COLUMN_TAGS])) != NULL)
    add_tags (contact, layout->dialect, text);

  if (reseau_contact_is_empty (contact))
    {
      if (problems != NULL)
        g_ptr_array_add (problems,
                         reseau_problem_new (NULL, line, NULL,
                                             _("This row has no name, organization, email or phone, so it was skipped. Fill in at least one of them and import the file again to add it.")));
      return NULL;
    }

  read_date (layout, COLUMN_BIRTHDAY, row, n_cells, line, contact, problems);
  read_date (layout, COLUMN_ANNIVERSARY, row, n_cells, line, contact, problems);

  if (layout->dialect == RESEAU_CSV_DIALECT_LINKEDIN)
    {
      reseau_contact_add_tag (contact, "LinkedIn");
      reseau_contact_set_how_met (contact, "LinkedIn");

      if ((text = cell (row, n_cells, layout->scalars[COLUMN_MET_ON])) != NULL)
        {
          int year, month, day;
          gboolean none;

          if (parse_date (text, FALSE, &year, &month, &day, &none))
            {
              g_autofree char *iso = g_strdup_printf ("%04d-%02d-%02d", year, month, day);

              reseau_contact_set_met_on (contact, iso);
            }
          else if (!none)
            {
              add_date_problem (problems, line, contact, text,
                                layout->header[layout->scalars[COLUMN_MET_ON]]);
            }
        }
    }

  g_object_set_data (G_OBJECT (contact), "reseau-line", GUINT_TO_POINTER (line));

  return g_steal_pointer (&contact);
}

GPtrArray *
reseau_csv_read_contacts (const char        *data,
                          gsize              length,
                          ReseauCsvDialect  *dialect,
                          GPtrArray         *problems,
                          GCancellable      *cancellable,
                          GError           **error)
{
  g_autoptr(ReseauCsvReader) reader = NULL;
  g_autoptr(Layout) layout = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  gboolean unclosed_reported = FALSE;
  guint rows = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (dialect != NULL)
    *dialect = RESEAU_CSV_DIALECT_UNKNOWN;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  reader = reseau_csv_reader_new (data, length, 0);
  if ((layout = find_header (reader)) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("This file is not a LinkedIn, Google Contacts or Outlook export: none of its first lines is a header row those services write. Export the contacts as a vCard (.vcf) file, or as a CSV file from LinkedIn, Google Contacts or Outlook, and import that file."));
      return NULL;
    }

  if (dialect != NULL)
    *dialect = layout->dialect;

  contacts = g_ptr_array_new_with_free_func (g_object_unref);

  for (;;)
    {
      g_auto(GStrv) row = NULL;
      ReseauContact *contact;
      guint line = 0;

      if (++rows % CANCEL_CHECK_ROWS == 0
          && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if ((row = reseau_csv_reader_next (reader, &line)) == NULL)
        break;

      if (!unclosed_reported && reseau_csv_reader_had_unclosed_quote (reader))
        {
          unclosed_reported = TRUE;
          if (problems != NULL)
            g_ptr_array_add (problems,
                             reseau_problem_new (NULL, line, NULL,
                                                 _("A quote opened on this row is never closed, so the rest of the file was read as part of this row. Add the missing quote and import the file again.")));
        }

      if (record_is_blank (row))
        continue;

      if ((contact = contact_from_row (layout, row, line, problems)) != NULL)
        g_ptr_array_add (contacts, contact);
    }

  return g_steal_pointer (&contacts);
}

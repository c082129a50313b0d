/* reseau-demo-relations.c — a year of history for the demo network
 *
 * Everything random comes from one splitmix64 generator seeded by the
 * caller, and days are counted back from the caller's today, so that the
 * same contacts, seed and day give the same history, and the demo never
 * looks stale.
 *
 * What makes it look like a freelancer's year rather than noise:
 *   - one person in ten is a close contact, and they get three
 *     interactions in five, so that strengths spread from 0 to near 100;
 *   - days are drawn closer to today more often than not (recent history
 *     is denser), which gives warm and cooling links on the map;
 *   - a second or third participant is a colleague from the same
 *     organization when there is one, so that shared histories cluster.
 *
 * The notes are demo content in French, like the names of the generated
 * contacts; they are data, not interface text, and are not translated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reseau-contact.h"
#include "reseau-database-relations.h"
#include "reseau-demo-relations.h"
#include "reseau-interaction.h"

#define DAYS_OF_HISTORY 365
#define MAX_INTERACTIONS 400

typedef struct
{
  guint64 state;
} Rng;

static guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);

  return z ^ (z >> 31);
}

/* In [0, bound), bound > 0. */
static guint
rng_below (Rng   *rng,
           guint  bound)
{
  return (guint) ((rng_next (rng) >> 32) * bound >> 32);
}

static gboolean
rng_chance (Rng   *rng,
            guint  percent)
{
  return rng_below (rng, 100) < percent;
}

/* A day in the past year, nearer today more often: the smaller of two
 * uniform draws. */
static GDate
recent_day (Rng         *rng,
            const GDate *today,
            guint        max_days)
{
  GDate day = *today;
  guint back = MIN (rng_below (rng, max_days), rng_below (rng, max_days));

  g_date_subtract_days (&day, back);
  return day;
}

static const char * const interaction_notes[] = {
  "Café pour faire le point sur sa mission en cours ; recherche d'un développeur mobile pour la rentrée.",
  "Échange sur les tarifs journaliers : on est d'accord pour ne plus descendre sous 550 €.",
  "Appel rapide : recommandation possible auprès de son ancien client dans la banque.",
  "Déjeuner au coworking, on a parlé de monter une offre commune audit + refonte.",
  "Envoyé le contact d'une graphiste pour son projet de marque.",
  "Visio de présentation ; suite à donner avant la fin du mois.",
  "Marche du jeudi au bord du canal : beaucoup de projets, pas de besoin immédiat.",
  "Relu sa proposition commerciale, quelques conseils sur le chiffrage au forfait.",
  "Message de félicitations pour son nouveau contrat, proposé un café en janvier.",
  "Point d'avancement sur l'atelier qu'on co-anime au meetup.",
  "Demande de retour d'expérience sur le portage salarial.",
  "Échange de mails pour caler l'intervention chez son client à Nantes.",
  "Afterwork sympa ; à relancer pour la mission data prévue au printemps.",
  "Appel de remerciement pour la recommandation, mission signée.",
  "Conseils sur la facturation électronique et les relances de paiement.",
  "On a comparé nos assurances RC Pro ; je lui transmets mon courtier.",
  "Visio avec son équipe produit, besoin d'un renfort UX deux jours par semaine.",
  "Petit-déjeuner : lancement de sa formation, je relaie sur LinkedIn.",
  "Message pour prendre des nouvelles après son congé.",
  "Préparation du webinaire commun sur la prospection des indépendants.",
};

static const struct
{
  const char        *name;
  ReseauEventFormat  format;
  const char        *place;
  const char        *theme;
} events[] = {
  { "Petit-déjeuner du coworking La Ruche", RESEAU_EVENT_COWORKING, "La Ruche, Bordeaux", "Entraide entre indépendants" },
  { "Meetup Freelances Lyon", RESEAU_EVENT_IN_PERSON, "Lyon, Croix-Rousse", "Trouver ses premiers clients" },
  { "Apéro des indépendants du Marais", RESEAU_EVENT_IN_PERSON, "Paris 3ᵉ", NULL },
  { "Webinaire : fixer son taux journalier", RESEAU_EVENT_ONLINE, NULL, "Tarifs et négociation" },
  { "Conférence Mix-IT", RESEAU_EVENT_IN_PERSON, "Lyon", "Tech et société" },
  { "Afterwork Indépendants Nantes", RESEAU_EVENT_IN_PERSON, "Nantes, île de Nantes", NULL },
  { "Marche networking aux Buttes-Chaumont", RESEAU_EVENT_IN_PERSON, "Paris 19ᵉ", "Marcher et échanger" },
  { "Déjeuner du collectif Tech Montréal", RESEAU_EVENT_COWORKING, "Montréal, Mile End", "Projets partagés" },
};

static const char * const referral_subjects[] = {
  "Refonte du site vitrine",
  "Audit SEO",
  "Accompagnement agile d'une équipe produit",
  "Application mobile de réservation",
  "Formation Python pour data analysts",
  "Identité visuelle d'une start-up",
  "Migration vers le cloud",
  "Rédaction de contenus pour un blog B2B",
  "Atelier de design thinking",
  "Tableau de bord commercial",
};

typedef struct
{
  GPtrArray  *people;      /* ReseauContact*, borrowed: individuals only */
  GPtrArray  *close;       /* the close ones, borrowed */
  GHashTable *colleagues;  /* organization → GPtrArray of ReseauContact*, borrowed */
} Network;

static void
network_clear (Network *network)
{
  g_clear_pointer (&network->people, g_ptr_array_unref);
  g_clear_pointer (&network->close, g_ptr_array_unref);
  g_clear_pointer (&network->colleagues, g_hash_table_unref);
}

static void
network_init (Network   *network,
              GPtrArray *contacts,
              Rng       *rng)
{
  network->people = g_ptr_array_new ();
  network->close = g_ptr_array_new ();
  network->colleagues = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                               (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < contacts->len; i++)
    {
      ReseauContact *contact = g_ptr_array_index (contacts, i);
      const char *organization;
      GPtrArray *staff;

      if (reseau_contact_get_kind (contact) != RESEAU_CONTACT_KIND_INDIVIDUAL)
        continue;

      g_ptr_array_add (network->people, contact);
      if (rng_chance (rng, 10))
        g_ptr_array_add (network->close, contact);

      organization = reseau_contact_get_organization (contact);
      if (organization == NULL || *organization == '\0')
        continue;
      staff = g_hash_table_lookup (network->colleagues, organization);
      if (staff == NULL)
        {
          staff = g_ptr_array_new ();
          g_hash_table_insert (network->colleagues, (gpointer) organization, staff);
        }
      g_ptr_array_add (staff, contact);
    }
}

static ReseauContact *
pick (GPtrArray *contacts,
      Rng       *rng)
{
  return g_ptr_array_index (contacts, rng_below (rng, contacts->len));
}

/* A second participant: a colleague when the first has some. */
static ReseauContact *
pick_companion (Network       *network,
                ReseauContact *first,
                Rng           *rng)
{
  const char *organization = reseau_contact_get_organization (first);
  GPtrArray *staff = organization != NULL ? g_hash_table_lookup (network->colleagues, organization) : NULL;

  if (staff != NULL && staff->len > 1 && rng_chance (rng, 75))
    return pick (staff, rng);

  return pick (network->people, rng);
}

static ReseauInteractionKind
pick_kind (Rng *rng)
{
  static const ReseauInteractionKind kinds[] = {
    RESEAU_INTERACTION_COFFEE, RESEAU_INTERACTION_COFFEE, RESEAU_INTERACTION_MEETING,
    RESEAU_INTERACTION_MEETING, RESEAU_INTERACTION_CALL, RESEAU_INTERACTION_CALL,
    RESEAU_INTERACTION_EMAIL, RESEAU_INTERACTION_MESSAGE, RESEAU_INTERACTION_VIDEO_CALL,
    RESEAU_INTERACTION_VIDEO_CALL, RESEAU_INTERACTION_WALK, RESEAU_INTERACTION_EVENT,
  };

  return kinds[rng_below (rng, G_N_ELEMENTS (kinds))];
}

static ReseauInteraction *
make_interaction (Network     *network,
                  Rng         *rng,
                  const GDate *today)
{
  ReseauInteraction *interaction = reseau_interaction_new ();
  ReseauContact *first;
  guint n_participants;
  GDate day;

  first = rng_chance (rng, 60) && network->close->len > 0 ? pick (network->close, rng)
                                                          : pick (network->people, rng);
  reseau_interaction_add_participant (interaction, reseau_contact_get_uid (first));

  n_participants = rng_chance (rng, 70) ? 1 : rng_chance (rng, 65) ? 2 : 3;
  for (guint k = 1; k < n_participants; k++)
    {
      ReseauContact *other = pick_companion (network, first, rng);
      const char *uid = reseau_contact_get_uid (other);
      gboolean present = FALSE;

      for (guint j = 0; j < interaction->participants->len && !present; j++)
        present = g_str_equal (g_ptr_array_index (interaction->participants, j), uid);
      if (!present)
        reseau_interaction_add_participant (interaction, uid);
    }

  interaction->kind = pick_kind (rng);
  interaction->direction = rng_chance (rng, 60) ? RESEAU_DIRECTION_MUTUAL
                           : rng_chance (rng, 50) ? RESEAU_DIRECTION_GAVE : RESEAU_DIRECTION_ASKED;
  if (rng_chance (rng, 85))
    interaction->note = g_strdup (interaction_notes[rng_below (rng, G_N_ELEMENTS (interaction_notes))]);

  day = recent_day (rng, today, DAYS_OF_HISTORY);
  reseau_interaction_set_day (interaction, &day, NULL);

  return interaction;
}

static gboolean
add_interactions (ReseauDatabase  *db,
                  Network         *network,
                  Rng             *rng,
                  const GDate     *today,
                  GError         **error)
{
  g_autoptr(GPtrArray) interactions = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_interaction_free);
  guint n = MIN (network->people->len * 3 / 2, MAX_INTERACTIONS);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (interactions, make_interaction (network, rng, today));

  return reseau_database_add_interactions (db, interactions, error);
}

static gboolean
add_event (ReseauDatabase  *db,
           Network         *network,
           guint            which,
           Rng             *rng,
           const GDate     *today,
           GError         **error)
{
  GDate held_on = recent_day (rng, today, 300);
  g_autoptr(ReseauEvent) event = reseau_event_new (events[which].name, &held_on);
  guint n_attendees = MIN (6 + rng_below (rng, 15), network->people->len);

  event->format = events[which].format;
  event->place = g_strdup (events[which].place);
  event->theme = g_strdup (events[which].theme);
  if (!reseau_database_add_event (db, event, error))
    return FALSE;

  for (guint k = 0; k < n_attendees; k++)
    {
      ReseauContact *attendee = pick (network->people, rng);

      /* Adding the same person twice only updates met_there. */
      if (!reseau_database_add_attendee (db, event->id, reseau_contact_get_uid (attendee),
                                         rng_chance (rng, 40), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_events (ReseauDatabase  *db,
            Network         *network,
            Rng             *rng,
            const GDate     *today,
            GError         **error)
{
  guint n_events = 5 + rng_below (rng, 4);
  guint first = rng_below (rng, G_N_ELEMENTS (events));

  for (guint i = 0; i < n_events; i++)
    if (!add_event (db, network, (first + i) % G_N_ELEMENTS (events), rng, today, error))
      return FALSE;

  return TRUE;
}

static gboolean
add_referral (ReseauDatabase  *db,
              Network         *network,
              Rng             *rng,
              const GDate     *today,
              GError         **error)
{
  ReseauReferralDirection direction = rng_chance (rng, 55) ? RESEAU_REFERRAL_RECEIVED
                                                           : RESEAU_REFERRAL_GIVEN;
  ReseauContact *person = pick (network->people, rng);
  GDate referred_on = recent_day (rng, today, DAYS_OF_HISTORY);
  g_autoptr(ReseauReferral) referral = reseau_referral_new (direction,
                                                            reseau_contact_get_uid (person),
                                                            &referred_on);
  ReseauContact *to = pick (network->people, rng);
  gboolean won;

  if (to != person && rng_chance (rng, 80))
    referral->to_uid = g_strdup (reseau_contact_get_uid (to));
  referral->subject = g_strdup (referral_subjects[rng_below (rng, G_N_ELEMENTS (referral_subjects))]);
  won = rng_chance (rng, 40);
  if (won)
    {
      referral->value_cents = (gint64) (2 + rng_below (rng, 30)) * 100000;
      referral->currency = g_strdup ("EUR");
    }
  referral->thanked = direction == RESEAU_REFERRAL_RECEIVED && rng_chance (rng, 50);

  if (!reseau_database_add_referral (db, referral, error))
    return FALSE;

  return !won || reseau_database_set_referral_outcome (db, referral->id, RESEAU_OUTCOME_WON, error);
}

gboolean
reseau_demo_add_relations (ReseauDatabase  *db,
                           GPtrArray       *contacts,
                           guint32          seed,
                           const GDate     *today,
                           GError         **error)
{
  Network network = { 0, };
  Rng rng = { G_GUINT64_CONSTANT (0x44656d6f) ^ ((guint64) seed << 32 | seed) };
  gboolean ok;
  guint n_referrals;

  g_return_val_if_fail (RESEAU_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (contacts != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  network_init (&network, contacts, &rng);
  if (network.people->len == 0)
    {
      network_clear (&network);
      return TRUE;
    }

  n_referrals = 10 + rng_below (&rng, 11);
  ok = add_interactions (db, &network, &rng, today, error) &&
       add_events (db, &network, &rng, today, error);
  for (guint i = 0; ok && i < n_referrals; i++)
    ok = add_referral (db, &network, &rng, today, error);

  network_clear (&network);

  return ok;
}

/* reseau-network-map-node.c — a node of the network map, for the keyboard
 * and screen readers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 can expose only widgets to AT-SPI (GtkAccessible cannot be
 * implemented by plain objects before 4.10), so each node on screen gets
 * one of these: no CSS of its own to speak of, no drawing, no pointer
 * events, only focus, a role, a name and two key bindings.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reseau-network-map-node.h"
#include "reseau-network-map-private.h"

struct _ReseauNetworkMapNode
{
  GtkWidget parent_instance;

  guint     index;
};

G_DEFINE_FINAL_TYPE (ReseauNetworkMapNode, reseau_network_map_node, GTK_TYPE_WIDGET)

static ReseauNetworkMap *
get_map (ReseauNetworkMapNode *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  return RESEAU_IS_NETWORK_MAP (parent) ? RESEAU_NETWORK_MAP (parent) : NULL;
}

static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ReseauNetworkMapNode *self = RESEAU_NETWORK_MAP_NODE (widget);
  ReseauNetworkMap *map = get_map (self);

  if (map != NULL)
    reseau_network_map_node_activated (map, self->index);
}

static void
select_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ReseauNetworkMapNode *self = RESEAU_NETWORK_MAP_NODE (widget);
  ReseauNetworkMap *map = get_map (self);

  if (map != NULL)
    reseau_network_map_node_select (map, self->index);
}

/* The map draws the node and its focus ring. */
static void
reseau_network_map_node_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
}

static void
reseau_network_map_node_class_init (ReseauNetworkMapNodeClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = reseau_network_map_node_snapshot;

  gtk_widget_class_set_css_name (widget_class, "networknode");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);

  gtk_widget_class_install_action (widget_class, "map-node.activate", NULL, activate_action);
  gtk_widget_class_install_action (widget_class, "map-node.select", NULL, select_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "map-node.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Enter, 0, "map-node.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "map-node.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "map-node.select", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Space, 0, "map-node.select", NULL);
}

static void
reseau_network_map_node_init (ReseauNetworkMapNode *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_set_focusable (widget, TRUE);
  /* The map takes every click, drag and hover itself. */
  gtk_widget_set_can_target (widget, FALSE);
}

static char *
describe (const ReseauNetworkNode *node)
{
  switch (node->kind)
    {
    case RESEAU_NODE_ORGANIZATION:
      /* Translators: a node of the network map, read by screen readers: "Acme, organization" */
      return g_strdup_printf (_("%s, organization"), node->label);
    case RESEAU_NODE_EVENT:
      /* Translators: a node of the network map, read by screen readers: "Mix & Meet, event" */
      return g_strdup_printf (_("%s, event"), node->label);
    case RESEAU_NODE_CLUSTER:
      /* Translators: a collapsed group of the network map, read by screen readers: "Acme, group of 12" */
      return g_strdup_printf (ngettext ("%s, group of %u", "%s, group of %u", node->n_members),
                              node->label, node->n_members);
    case RESEAU_NODE_PERSON:
    default:
      /* Translators: a node of the network map, read by screen readers: "Anne Dupont, person" */
      return g_strdup_printf (_("%s, person"), node->label);
    }
}

GtkWidget *
reseau_network_map_node_new (guint                    index,
                             const ReseauNetworkNode *node)
{
  ReseauNetworkMapNode *self;
  g_autofree char *label = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  self = g_object_new (RESEAU_TYPE_NETWORK_MAP_NODE, NULL);
  self->index = index;
  label = describe (node);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  return GTK_WIDGET (self);
}

guint
reseau_network_map_node_get_index (ReseauNetworkMapNode *self)
{
  g_return_val_if_fail (RESEAU_IS_NETWORK_MAP_NODE (self), 0);

  return self->index;
}

/* hdr-paste-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-paste-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "hdr-paste-dialog.h"

struct _HdrPasteDialog
{
  AdwWindow    parent_instance;

  /* Template widgets */
  GtkTextView *text_view;
};

G_DEFINE_FINAL_TYPE (HdrPasteDialog, hdr_paste_dialog, ADW_TYPE_WINDOW)

enum {
  ANALYSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

HdrPasteDialog *
hdr_paste_dialog_new (GtkWindow  *transient_for,
                      const char *text)
{
  HdrPasteDialog *self;

  g_return_val_if_fail (transient_for == NULL || GTK_IS_WINDOW (transient_for), NULL);

  self = g_object_new (HDR_TYPE_PASTE_DIALOG,
                       "transient-for", transient_for,
                       NULL);

  if (text != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);

  return self;
}

static void
hdr_paste_dialog_buffer_changed_cb (HdrPasteDialog *self,
                                    GtkTextBuffer  *buffer)
{
  g_assert (HDR_IS_PASTE_DIALOG (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self),
                                 "paste.analyse",
                                 gtk_text_buffer_get_char_count (buffer) > 0);
}

static void
hdr_paste_dialog_analyse_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  HdrPasteDialog *self = HDR_PASTE_DIALOG (widget);
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  g_assert (HDR_IS_PASTE_DIALOG (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  g_signal_emit (self, signals[ANALYSE], 0, text);

  gtk_window_close (GTK_WINDOW (self));
}

static void
hdr_paste_dialog_class_init (HdrPasteDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * HdrPasteDialog::analyse:
   * @text: the pasted message
   *
   * Emitted when the user asks for the pasted text to be analysed, just
   * before the dialog closes.
   */
  signals[ANALYSE] = g_signal_new ("analyse",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headerinspector/HeaderInspector/hdr-paste-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HdrPasteDialog, text_view);

  gtk_widget_class_install_action (widget_class, "paste.analyse", NULL,
                                   hdr_paste_dialog_analyse_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hdr_paste_dialog_init (HdrPasteDialog *self)
{
  GtkEventController *shortcuts;
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Ctrl+Enter analyses.  The shortcut runs in the capture phase because
   * the text view would otherwise take the key press as a line break. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return,
                                                                                  GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("paste.analyse")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  buffer = gtk_text_view_get_buffer (self->text_view);
  g_signal_connect_object (buffer,
                           "changed",
                           G_CALLBACK (hdr_paste_dialog_buffer_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);
  hdr_paste_dialog_buffer_changed_cb (self, buffer);

  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

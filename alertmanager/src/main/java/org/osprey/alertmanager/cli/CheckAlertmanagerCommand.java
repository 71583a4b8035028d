package org.osprey.alertmanager.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.osprey.alertmanager.config.AlertmanagerConfig;
import org.osprey.alertmanager.config.ConfigException;
import org.osprey.alertmanager.config.ConfigLoader;
import org.osprey.alertmanager.config.ReceiverConfig;
import org.osprey.alertmanager.template.MessageTemplates;
import org.osprey.alertmanager.template.TemplateSet;

/**
 * {@code osprey check alertmanager FILE...}: validates files like {@code amtool check-config} and
 * prints the same kind of summary. Exit code 0 when all pass, 1 otherwise. Thread-safe: stateless.
 */
public final class CheckAlertmanagerCommand {
    private CheckAlertmanagerCommand() {
    }

    /** Runs the check; arguments are file names (flags such as {@code --help} are recognised). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> files = new ArrayList<>();
        for (String a : args) {
            if ("-h".equals(a) || "--help".equals(a)) {
                out.println("usage: osprey check alertmanager <config-file>...");
                out.println("Validate alertmanager config files, like amtool check-config.");
                return 0;
            }
            files.add(a);
        }
        if (files.isEmpty()) {
            err.println("error: no config file given");
            return 1;
        }
        boolean failed = false;
        for (String f : files) {
            out.println("Checking '" + f + "'");
            try {
                AlertmanagerConfig c = ConfigLoader.load(Path.of(f));
                new MessageTemplates(TemplateSet.load(c.templates()));
                out.println("  SUCCESS");
                out.println("Found:");
                out.println(" - global config");
                out.println(" - route");
                out.println(" - " + c.inhibitRules().size() + " inhibit rules");
                out.println(" - " + c.receivers().size() + " receivers");
                out.println(" - " + c.templates().size() + " templates");
                int n = 0;
                for (ReceiverConfig r : c.receivers()) {
                    n += r.otherIntegrations().size();
                }
                if (n > 0) {
                    out.println("  note: " + n + " integration(s) other than email and webhook are accepted but not delivered by Osprey");
                }
            } catch (ConfigException e) {
                out.println("  FAILED: " + e.getMessage());
                failed = true;
            }
            out.println();
        }
        if (failed) {
            err.println("amtool: error: failed to validate " + files.size() + " file(s)");
            return 1;
        }
        return 0;
    }
}

package io.dittofs.server.control;

import io.dittofs.server.config.ConfigException;
import io.dittofs.server.config.ConfigValidator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Checks a candidate state with the same {@link ConfigValidator} the YAML config goes through, so
 * the API and the file accept exactly the same things, and turns the problems of the resource
 * being changed into a 400 with its field.
 */
final class Validation {
    private Validation() {}

    /**
     * @param prefix the changed resource's key in the config tree ("shares[3]")
     * @param field maps a key inside the resource ("path") to the API's field ("settings.path")
     * @return the valid shares of the candidate
     */
    static List<ConfigValidator.ValidShare> check(
            ControlPlane cp, ControlState candidate, String prefix, UnaryOperator<String> field) {
        try {
            return ConfigValidator.validate(cp.toConfig(candidate));
        } catch (ConfigException e) {
            for (String p : e.problems()) {
                int colon = p.indexOf(": ");
                String key = colon < 0 ? p : p.substring(0, colon);
                String reason = colon < 0 ? p : p.substring(colon + 2);
                if (key.equals(prefix)) {
                    throw new ControlException(400, null, reason);
                }
                if (key.startsWith(prefix + ".")) {
                    throw ControlException.invalid(field.apply(key.substring(prefix.length() + 1)), reason);
                }
            }
            // Only problems elsewhere (say a store's folder vanished since): not this request's fault.
            try {
                return ConfigValidator.validate(cp.toConfig(cp.state()));
            } catch (ConfigException again) {
                return List.of();
            }
        }
    }

    /** An exception from applying a change live, as a 400 naming the field when the key shows it. */
    static ControlException fromApply(ConfigException e, String prefix) {
        String p = e.problems().getFirst();
        int colon = p.indexOf(": ");
        String key = colon < 0 ? "" : p.substring(0, colon);
        String reason = colon < 0 ? p : p.substring(colon + 2);
        int dot = key.lastIndexOf('.');
        String field = key.startsWith(prefix) && dot >= 0 ? key.substring(dot + 1) : null;
        return new ControlException(400, field, reason);
    }
}

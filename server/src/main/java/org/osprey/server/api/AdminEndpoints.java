package org.osprey.server.api;

import java.util.ArrayList;
import java.util.List;
import org.osprey.model.labels.LabelMatcher;

/**
 * {@code admin/tsdb/*}: only with {@code --web.enable-admin-api}; otherwise upstream's
 * {@code unavailable} "admin APIs disabled". Thread-safe.
 */
final class AdminEndpoints {
    private final ApiContext ctx;

    AdminEndpoints(ApiContext ctx) {
        this.ctx = ctx;
    }

    private void requireEnabled() {
        if (!ctx.options().enableAdminApi()) {
            throw new ApiException(ErrorType.UNAVAILABLE, "admin APIs disabled");
        }
    }

    void deleteSeries(ApiParams p, Json data, ApiNotes warnings) {
        requireEnabled();
        if (p.all("match[]").isEmpty()) {
            throw ApiException.badData("no match[] parameter provided");
        }
        long start = p.time("start", ApiParams.MIN_TIME_MS);
        long end = p.time("end", ApiParams.MAX_TIME_MS);
        List<List<LabelMatcher>> sets = new ArrayList<>();
        for (String m : p.all("match[]")) {
            sets.add(ctx.queries().parseSelector(m));
        }
        ctx.deleteSeries(sets, start, end);
        // nothing written: the envelope answers 204 No Content as upstream
    }

    void cleanTombstones(ApiParams p, Json data, ApiNotes warnings) {
        requireEnabled();
        ctx.cleanTombstones();
    }

    void snapshot(ApiParams p, Json data, ApiNotes warnings) {
        requireEnabled();
        String skip = p.getOrEmpty("skip_head");
        boolean skipHead = false;
        if (!skip.isEmpty()) {
            if (!skip.equals("true") && !skip.equals("false") && !skip.equals("1") && !skip.equals("0")) {
                throw ApiException.badData("unable to parse boolean 'skip_head' argument: strconv.ParseBool: parsing \"" + skip + "\": invalid syntax");
            }
            skipHead = skip.equals("true") || skip.equals("1");
        }
        String name = ctx.snapshot(skipHead);
        data.beginObject().field("name", name).endObject();
    }
}

package org.opentalks.service.config;

import java.util.List;

/**
 * A service's own condition for starting in production, checked by {@link ProductionConfigCheck}
 * together with the shared ones, so that a refusal lists every problem at once. A bean implementing
 * this is all a service adds (the gateway's accounts are one).
 */
public interface ProductionRequirement {
    /** What is wrong, each naming the environment variable to set; empty when all is well. */
    List<String> problems();
}

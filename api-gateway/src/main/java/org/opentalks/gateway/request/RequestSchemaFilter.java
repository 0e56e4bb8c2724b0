package org.opentalks.gateway.request;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * Adds the request schemas generated from {@link TalkRequest} to the hand-written document
 * ({@code META-INF/openapi.yaml}, which refers to {@code CreateTalkRequest}), at build time.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class RequestSchemaFilter implements OASFilter {
    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        RequestSchemas.of(TalkRequest.class).forEach(openAPI.getComponents()::addSchema);
    }
}

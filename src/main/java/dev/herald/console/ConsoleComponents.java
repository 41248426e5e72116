package dev.herald.console;

import static dev.herald.console.FormFields.addText;
import static dev.herald.console.FormFields.lines;

import dev.herald.access.entity.Scope;
import dev.herald.catalog.control.GovernedCategories;
import dev.herald.inbound.control.ComponentInput;
import dev.herald.inbound.control.Components;
import dev.herald.inbound.control.ReleaseTrigger;
import dev.herald.inbound.entity.Component;
import dev.herald.inbound.entity.ComponentVersion;
import dev.herald.platform.Page;
import dev.herald.platform.ReadRoom;
import dev.herald.platform.json.Jsons;
import dev.herald.problems.InputErrors;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.Serializable;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Components in the console: which repository builds which product and which tags become
 * releases (the triggers), one component's version map with {@code ?component=}, and a form
 * that adds one, read by the API's rule ({@link ComponentInput}). As in the API, a component is
 * created and deleted, not edited.
 */
@Named
@ViewScoped
public class ConsoleComponents implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Pattern TRIGGER_LINE = Pattern.compile("(.*\\S)\\s+(\\S+)");

    @Inject
    ConsoleSession session;

    @Inject
    OncePerRequest once;

    @Inject
    ConsolePages pages;

    @Inject
    ConsoleActions actions;

    @Inject
    Components components;

    private final ViewPage page = new ViewPage();
    private String component;
    private String name;
    private String repository;
    private String productId;
    private String triggers;

    public Page<Component> getComponents() {
        return session.canRead("publish")
                ? once.get("components", () -> components.list(session.getTenantId(), page.request(), ReadRoom.NONE))
                : pages.nothing();
    }

    /** The component the URL names, if it is this tenant's; else none. */
    public Component getShown() {
        if (component == null || !session.canRead("publish")) {
            return null;
        }
        return once.get(
                "component", () -> ConsolePages.foundOrNull(() -> components.get(session.getTenantId(), component)));
    }

    /** The shown component's versions, newest first, each with the release it became. */
    public Page<ComponentVersion> getVersions() {
        if (getShown() == null) {
            return pages.nothing();
        }
        return once.get("versions", () -> components.versions(session.getTenantId(), component, page.request()));
    }

    /** A component's triggers as people read them: {@code ^v(\d+)$ → stable}. */
    public String triggersOf(Component shown) {
        List<ReleaseTrigger> list = ReleaseTrigger.fromJson(shown.triggersJson());
        return list.isEmpty()
                ? "none: versions are recorded, no release is created"
                : list.stream()
                        .map(t -> t.tagPattern() + " → " + t.channel()
                                + t.channelRules().stream()
                                        .map(rule -> ", " + rule.tagPattern() + " → " + rule.channel())
                                        .collect(Collectors.joining()))
                        .collect(Collectors.joining("; "));
    }

    public String create() {
        var created = actions.run(Scope.PUBLISH, "POST", "/components", null, Component::id, null, () -> {
            ComponentInput in = read();
            in.raises()
                    .ifPresent(type -> GovernedCategories.requireScopeFor(
                            type, session.has(Scope.GOVERN), ComponentInput.RAISING));
            return components.create(session.getTenantId(), in);
        });
        return created.map(saved -> {
                    ConsoleActions.tellAfterRedirect("Component '" + saved.name() + "' created.");
                    return "/console/components?faces-redirect=true&component=" + saved.id();
                })
                .orElse(null);
    }

    public String delete(String componentId) {
        return actions.run(Scope.PUBLISH, "DELETE", "/components/" + componentId, componentId, () -> {
                    Components.raises(components.get(session.getTenantId(), componentId))
                            .ifPresent(type -> GovernedCategories.requireScopeFor(
                                    type, session.has(Scope.GOVERN), Components.DELETING));
                    components.delete(session.getTenantId(), componentId);
                    return componentId;
                })
                .map(deleted -> {
                    ConsoleActions.tellAfterRedirect("Component deleted; its releases stay.");
                    return "/console/components?faces-redirect=true";
                })
                .orElse(null);
    }

    /** Reads the form by the API's rule; a trigger line the form cannot split is reported with the rule's errors. */
    private ComponentInput read() {
        InputErrors found = new InputErrors();
        JsonObjectBuilder body = Jsons.object();
        addText(body, "name", name);
        addText(body, "repository", repository);
        addText(body, "productId", productId);
        JsonArrayBuilder triggerArray = Jsons.array();
        List<String> lines = lines(triggers, "triggers", found);
        for (int i = 0; i < lines.size(); i++) {
            // The channel is the last word, so that a pattern may hold a space.
            Matcher trigger = TRIGGER_LINE.matcher(lines.get(i));
            if (!trigger.matches()) {
                found.add(
                        "triggers",
                        "line " + (i + 1) + " must read 'tagPattern channel', e.g. "
                                + "'^v(\\d+\\.\\d+\\.\\d+)$ stable'");
                continue;
            }
            triggerArray.add(Jsons.object().add("tagPattern", trigger.group(1)).add("channel", trigger.group(2)));
        }
        body.add("triggers", triggerArray);
        return FormFields.readByTheRule(found, () -> ComponentInput.read(body.build()));
    }

    public boolean isAllowed() {
        return session.canChange("publish");
    }

    public String getComponent() {
        return component;
    }

    public void setComponent(String component) {
        this.component = ConsolePages.given(component);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getRepository() {
        return repository;
    }

    public void setRepository(String repository) {
        this.repository = repository;
    }

    public String getProductId() {
        return productId;
    }

    public void setProductId(String productId) {
        this.productId = productId;
    }

    public String getTriggers() {
        return triggers;
    }

    public void setTriggers(String triggers) {
        this.triggers = triggers;
    }

    public ViewPage getPage() {
        return page;
    }
}

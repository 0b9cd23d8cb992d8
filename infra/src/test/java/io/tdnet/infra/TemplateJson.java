package io.tdnet.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Navigation over a synthesized template's JSON: resources by type, references, nested values. */
final class TemplateJson {
    private final Map<String, Object> json;

    TemplateJson(Map<String, Object> json) {
        this.json = json;
    }

    static TemplateJson prod() {
        return new TemplateJson(SynthesizedStack.json());
    }

    Map<String, Object> resources() {
        return map(json.get("Resources"));
    }

    Map<String, Object> section(String name) {
        Object section = json.get(name);
        return section == null ? Map.of() : map(section);
    }

    /** Logical id → Properties of every resource of the type. */
    Map<String, Map<String, Object>> ofType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((id, r) -> {
            Map<String, Object> resource = map(r);
            if (type.equals(resource.get("Type"))) {
                found.put(id, properties(resource));
            }
        });
        return found;
    }

    Map<String, Object> resource(String logicalId) {
        Object r = resources().get(logicalId);
        assertThat(r).as("resource %s", logicalId).isNotNull();
        return map(r);
    }

    Map<String, Object> propertiesOf(String logicalId) {
        return properties(resource(logicalId));
    }

    /** The one resource of the type whose property has the value. */
    String idWhere(String type, String property, Object value) {
        List<String> ids = ofType(type).entrySet().stream()
                .filter(e -> value.equals(e.getValue().get(property))).map(Map.Entry::getKey).toList();
        assertThat(ids).as("%s with %s = %s", type, property, value).hasSize(1);
        return ids.get(0);
    }

    /** The logical id a {@code Ref} or {@code Fn::GetAtt} points at. */
    static String target(Object reference) {
        Map<String, Object> ref = map(reference);
        if (ref.containsKey("Ref")) {
            return (String) ref.get("Ref");
        }
        if (ref.containsKey("Fn::GetAtt")) {
            return (String) ((List<?>) ref.get("Fn::GetAtt")).get(0);
        }
        throw new AssertionError("not a reference: " + reference);
    }

    /** Every {@code Ref}/{@code Fn::GetAtt} target inside a value, depth first. */
    static List<String> targetsWithin(Object value) {
        List<String> targets = new ArrayList<>();
        collectTargets(value, targets);
        return targets;
    }

    private static void collectTargets(Object value, List<String> out) {
        if (value instanceof Map<?, ?> m) {
            if (m.containsKey("Ref") && m.get("Ref") instanceof String s) {
                out.add(s);
            } else if (m.containsKey("Fn::GetAtt")) {
                out.add((String) ((List<?>) m.get("Fn::GetAtt")).get(0));
            } else {
                m.values().forEach(v -> collectTargets(v, out));
            }
        } else if (value instanceof List<?> l) {
            l.forEach(v -> collectTargets(v, out));
        }
    }

    /** Concatenates the literal parts of a string or Fn::Join (references become {@code ${id}}). */
    static String flatten(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Map<?, ?> m && m.containsKey("Fn::Join")) {
            List<?> join = (List<?>) m.get("Fn::Join");
            StringBuilder out = new StringBuilder();
            List<?> parts = (List<?>) join.get(1);
            for (int i = 0; i < parts.size(); i++) {
                if (i > 0) out.append(join.get(0));
                out.append(flatten(parts.get(i)));
            }
            return out.toString();
        }
        if (value instanceof Map<?, ?> m && (m.containsKey("Ref") || m.containsKey("Fn::GetAtt"))) {
            return "${" + target(value) + "}";
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        if (value instanceof List<?>) {
            return (List<Object>) value;
        }
        return List.of(value);
    }

    private static Map<String, Object> properties(Map<String, Object> resource) {
        Object props = resource.get("Properties");
        return props == null ? Map.of() : map(props);
    }
}

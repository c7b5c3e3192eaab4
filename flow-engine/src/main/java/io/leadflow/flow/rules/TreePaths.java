package io.leadflow.flow.rules;

import java.util.List;
import java.util.Map;

/** Looks up dot paths in trees of maps and lists; a numeric segment indexes a list. */
final class TreePaths {

    private TreePaths() {
    }

    static Object get(Object tree, String path) {
        if (path.isEmpty()) {
            return tree;
        }
        if (tree instanceof Map<?, ?> map) {
            if (map.containsKey(path)) {
                return map.get(path);
            }
            int dot = path.indexOf('.');
            while (dot > 0) {
                String head = path.substring(0, dot);
                if (map.containsKey(head)) {
                    Object found = get(map.get(head), path.substring(dot + 1));
                    if (found != null) {
                        return found;
                    }
                }
                dot = path.indexOf('.', dot + 1);
            }
            return null;
        }
        if (tree instanceof List<?> list) {
            int dot = path.indexOf('.');
            String head = dot < 0 ? path : path.substring(0, dot);
            if (head.isEmpty() || head.length() > 9 || !head.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int index = Integer.parseInt(head);
            if (index >= list.size()) {
                return null;
            }
            return dot < 0 ? list.get(index) : get(list.get(index), path.substring(dot + 1));
        }
        return null;
    }
}

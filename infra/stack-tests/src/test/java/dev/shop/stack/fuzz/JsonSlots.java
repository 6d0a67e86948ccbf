package dev.shop.stack.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Every place in a request's JSON body where a value sits, each with its path and a way to replace the value. */
record JsonSlots(List<Slot> slots) {

    record Slot(String path, Json value, Consumer<Json> replace) {
    }

    static JsonSlots of(FuzzRequest request) {
        List<Slot> slots = new ArrayList<>();
        if (request.json != null) {
            collect("$", request.json, replacement -> request.json = replacement, slots);
        }
        return new JsonSlots(slots);
    }

    private static void collect(String path, Json value, Consumer<Json> replace, List<Slot> slots) {
        slots.add(new Slot(path, value, replace));
        if (value instanceof Json.Obj object) {
            for (Json.Member member : object.members()) {
                collect(path + "." + member.name, member.value, replacement -> member.value = replacement, slots);
            }
        } else if (value instanceof Json.Arr array) {
            for (int i = 0; i < array.items().size(); i++) {
                int index = i;
                collect(path + "[" + i + "]", array.items().get(i), replacement -> array.items().set(index, replacement), slots);
            }
        }
    }

    boolean isEmpty() {
        return slots.isEmpty();
    }

    Slot any(Gen gen) {
        return gen.pick(slots);
    }

    /** A slot holding a string, or any slot when there is none; null when the body is not a JSON tree. */
    Slot aString(Gen gen) {
        if (slots.isEmpty()) {
            return null;
        }
        List<Slot> strings = slots.stream().filter(slot -> slot.value() instanceof Json.Str).toList();
        return strings.isEmpty() ? any(gen) : gen.pick(strings);
    }

    /** A slot inside the document (not the whole body), or the whole body when it has no members. */
    Slot aMember(Gen gen) {
        return slots.size() > 1 ? slots.get(gen.between(1, slots.size() - 1)) : slots.get(0);
    }

    List<Json.Obj> objects() {
        return slots.stream().map(Slot::value).filter(Json.Obj.class::isInstance).map(Json.Obj.class::cast).toList();
    }
}

package ru.tos.dutydesk.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import ru.tos.dutydesk.desk.Choice;

import java.util.List;

/** The outbox's list-valued columns (choices, platform ids) as JSON text. */
final class JsonColumns {
    private static final TypeReference<List<Choice>> CHOICES = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final ObjectMapper mapper = new ObjectMapper();

    String choices(List<Choice> choices) {
        return write(choices);
    }

    List<Choice> choices(String json) {
        return read(json, CHOICES);
    }

    String strings(List<String> values) {
        return write(values);
    }

    List<String> strings(String json) {
        return read(json, STRINGS);
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot write outbox column as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private <T> List<T> read(String json, TypeReference<List<T>> type) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return List.copyOf(mapper.readValue(json, type));
        } catch (JsonProcessingException e) {
            throw new StoreException("outbox column is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}

package io.datastores.mongodb;

import io.datastores.api.bulk.TableCreator;
import io.datastores.api.bulk.TableCreator.TargetType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * Nested column types: {@code struct<"name": type, …>} (an embedded document, its fields in order;
 * a missing or null field is NULL) and {@code list<type>} (an array; a null element is NULL), where
 * each type is any {@link MongoTypes} type but a mixed one, nested to any depth. Field names are
 * written as JSON strings, so any name survives. A sample infers one where every sampled value of a
 * field is a document (or every one an array) and their fields (or elements) agree on one type all
 * the way down; anything else stays JSON text. Reads fill Arrow struct and list vectors, writes turn
 * them into BSON documents and arrays. Stateless.
 */
final class MongoNested {
    static final String STRUCT = "struct<";
    static final String LIST = "list<";

    private MongoNested() {}

    static boolean isNested(String type) {
        return type.startsWith(STRUCT) || type.startsWith(LIST);
    }

    // ---- types as text

    /** @return a struct type of these fields, in order */
    static String struct(Map<String, String> fields) {
        List<String> parts = new ArrayList<>();
        fields.forEach((name, type) -> parts.add(quote(name) + ": " + type));
        return STRUCT + String.join(", ", parts) + ">";
    }

    /** @return a list type of this element type */
    static String list(String element) {
        return LIST + element + ">";
    }

    /**
     * @param type a struct type
     * @return its fields' names and types, in order
     * @throws IllegalArgumentException when the type is not well formed
     */
    static Map<String, String> fields(String type) {
        Map<String, String> fields = new LinkedHashMap<>();
        Parser p = new Parser(type, STRUCT.length());
        if (p.peek() == '>') {
            throw new IllegalArgumentException("struct type '" + type + "' has no fields");
        }
        while (true) {
            String name = p.name();
            p.expect(':');
            fields.put(name, p.type());
            char next = p.next();
            if (next == '>') {
                break;
            }
            if (next != ',') {
                throw new IllegalArgumentException("expected ',' or '>' in '" + type + "'");
            }
        }
        p.end();
        return fields;
    }

    /** @return a list type's element type */
    static String element(String type) {
        Parser p = new Parser(type, LIST.length());
        String element = p.type();
        p.expect('>');
        p.end();
        return element;
    }

    /** @return the type as it is recorded, after checking each part is known */
    static String canonical(String type, java.util.function.Predicate<String> knownLeaf) {
        if (type.startsWith(LIST)) {
            return list(canonical(element(type), knownLeaf));
        }
        if (type.startsWith(STRUCT)) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields(type).forEach((name, child) -> fields.put(name, canonical(child, knownLeaf)));
            return struct(fields);
        }
        if (!knownLeaf.test(type)) {
            throw new IllegalArgumentException("unknown type '" + type + "'");
        }
        return type;
    }

    // ---- inference

    /**
     * @param values the sampled values of one field or element position, none null
     * @return the nested type they agree on, or empty (then the field is JSON text)
     */
    static Optional<String> shape(List<BsonValue> values) {
        if (values.stream().allMatch(BsonValue::isDocument)) {
            Map<String, List<BsonValue>> children = new LinkedHashMap<>();
            for (BsonValue value : values) {
                value.asDocument().forEach((name, child) -> {
                    List<BsonValue> seen = children.computeIfAbsent(name, k -> new ArrayList<>());
                    if (!child.isNull()) {
                        seen.add(child);
                    }
                });
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (Map.Entry<String, List<BsonValue>> child : children.entrySet()) {
                String type = MongoTypes.resolve(child.getValue());
                if (!agreed(type)) {
                    return Optional.empty();
                }
                fields.put(child.getKey(), type);
            }
            return fields.isEmpty() ? Optional.empty() : Optional.of(struct(fields));
        }
        if (values.stream().allMatch(BsonValue::isArray)) {
            List<BsonValue> elements = new ArrayList<>();
            values.forEach(v -> v.asArray().stream().filter(e -> !e.isNull()).forEach(elements::add));
            if (elements.isEmpty()) {
                return Optional.empty();
            }
            String type = MongoTypes.resolve(elements);
            return agreed(type) ? Optional.of(list(type)) : Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean agreed(String type) {
        return !type.startsWith(MongoTypes.MIXED) && !type.equals("json");
    }

    // ---- Arrow

    /** @return the Arrow field of a nested column type */
    static Field field(String name, String type, boolean nullable) {
        Map<String, String> metadata = Map.of(TableCreator.SOURCE_TYPE, type);
        if (type.startsWith(LIST)) {
            return new Field(
                    name,
                    new FieldType(nullable, ArrowType.List.INSTANCE, null, metadata),
                    List.of(MongoTypes.field(ListVector.DATA_VECTOR_NAME, element(type), true)));
        }
        List<Field> children = new ArrayList<>();
        fields(type).forEach((child, childType) -> children.add(MongoTypes.field(child, childType, true)));
        return new Field(name, new FieldType(nullable, ArrowType.Struct.INSTANCE, null, metadata), children);
    }

    /** The column type of an Arrow struct or list field, or empty when a part of it has no mapping. */
    static Optional<TargetType> columnType(Field field) {
        List<String> losses = new ArrayList<>();
        if (field.getType() instanceof ArrowType.Struct) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (Field child : field.getChildren()) {
                Optional<TargetType> type = ArrowToBson.columnType(child);
                if (type.isEmpty() || fields.containsKey(child.getName())) {
                    return Optional.empty();
                }
                fields.put(child.getName(), type.get().ddl());
                type.get().losses().forEach(loss -> losses.add(child.getName() + ": " + loss));
            }
            return fields.isEmpty() ? Optional.empty() : Optional.of(new TargetType(struct(fields), losses));
        }
        Optional<TargetType> element =
                ArrowToBson.columnType(field.getChildren().get(0));
        return element.map(e -> new TargetType(list(e.ddl()), e.losses()));
    }

    /** Sets one cell of a struct or list vector from a BSON document or array (not NULL). */
    static void set(FieldVector vector, int row, BsonValue value, String type) {
        if (type.startsWith(LIST)) {
            if (!value.isArray()) {
                throw new IllegalArgumentException("a BSON "
                        + value.getBsonType().name().toLowerCase(java.util.Locale.ROOT)
                        + " where the column holds an array");
            }
            ListVector list = (ListVector) vector;
            String element = element(type);
            FieldVector data = list.getDataVector();
            int start = list.startNewValue(row);
            BsonArray array = value.asArray();
            for (int i = 0; i < array.size(); i++) {
                setOrNull(data, start + i, array.get(i), element);
            }
            list.endValue(row, array.size());
            return;
        }
        if (!value.isDocument()) {
            throw new IllegalArgumentException("a BSON "
                    + value.getBsonType().name().toLowerCase(java.util.Locale.ROOT)
                    + " where the column holds a document");
        }
        StructVector struct = (StructVector) vector;
        struct.setIndexDefined(row);
        BsonDocument document = value.asDocument();
        for (Map.Entry<String, String> child : fields(type).entrySet()) {
            setOrNull(struct.getChild(child.getKey()), row, document.get(child.getKey()), child.getValue());
        }
    }

    private static void setOrNull(FieldVector vector, int row, BsonValue value, String type) {
        if (value == null || value.isNull()) {
            vector.setNull(row);
        } else {
            BsonToArrow.set(vector, row, value, type);
        }
    }

    /** @return a struct cell as a BSON document (a NULL field left out), a list cell as an array */
    static BsonValue cell(FieldVector vector, int row, String type) {
        if (type.startsWith(LIST)) {
            if (!(vector instanceof ListVector list)) {
                throw new IllegalArgumentException(
                        "a " + vector.getField().getType() + " where the column holds a list");
            }
            String element = element(type);
            FieldVector data = list.getDataVector();
            BsonArray array = new BsonArray();
            for (int i = list.getElementStartIndex(row); i < list.getElementEndIndex(row); i++) {
                array.add(data.isNull(i) ? BsonNull.VALUE : ArrowToBson.cell(data, i, element));
            }
            return array;
        }
        if (!(vector instanceof StructVector struct)) {
            throw new IllegalArgumentException("a " + vector.getField().getType() + " where the column holds a struct");
        }
        BsonDocument document = new BsonDocument();
        for (Map.Entry<String, String> child : fields(type).entrySet()) {
            FieldVector childVector = struct.getChild(child.getKey());
            if (childVector == null) {
                throw new IllegalArgumentException("a struct without the field '" + child.getKey() + "' of " + type);
            }
            if (!childVector.isNull(row)) {
                document.append(child.getKey(), ArrowToBson.cell(childVector, row, child.getValue()));
            }
        }
        return document;
    }

    private static String quote(String name) {
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Reads a type text from a position: names as JSON strings, types up to the next top-level ',' or '>'. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text, int at) {
            this.text = text;
            this.at = at;
        }

        char peek() {
            skipSpaces();
            if (at >= text.length()) {
                throw new IllegalArgumentException("type '" + text + "' ends early");
            }
            return text.charAt(at);
        }

        char next() {
            char c = peek();
            at++;
            return c;
        }

        void expect(char c) {
            if (next() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + (at - 1) + " in '" + text + "'");
            }
        }

        void end() {
            skipSpaces();
            if (at != text.length()) {
                throw new IllegalArgumentException("unexpected text after position " + at + " in '" + text + "'");
            }
        }

        String name() {
            expect('"');
            StringBuilder name = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw new IllegalArgumentException("unterminated field name in '" + text + "'");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return name.toString();
                }
                if (c == '\\' && at < text.length()) {
                    c = text.charAt(at++);
                }
                name.append(c);
            }
        }

        String type() {
            skipSpaces();
            int start = at;
            int depth = 0;
            boolean quoted = false;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (quoted) {
                    if (c == '\\') {
                        at++;
                    } else if (c == '"') {
                        quoted = false;
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == '<' || c == '(') {
                    depth++;
                } else if (c == ')' || c == '>' && depth > 0) {
                    depth--;
                } else if (depth == 0 && (c == ',' || c == '>')) {
                    break;
                }
                at++;
            }
            String type = text.substring(start, at).trim();
            if (type.isEmpty()) {
                throw new IllegalArgumentException("a field of '" + text + "' has no type");
            }
            return type;
        }

        private void skipSpaces() {
            while (at < text.length() && text.charAt(at) == ' ') {
                at++;
            }
        }
    }
}

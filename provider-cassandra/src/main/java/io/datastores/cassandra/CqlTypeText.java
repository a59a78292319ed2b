package io.datastores.cassandra;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.ListType;
import com.datastax.oss.driver.api.core.type.MapType;
import com.datastax.oss.driver.api.core.type.SetType;
import com.datastax.oss.driver.api.core.type.TupleType;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A column type as written in a table definition, read into its parts: a name, then its arguments
 * in angle brackets ({@code map<text, frozen<list<int>>>}), or for this provider's own
 * {@code struct<"field" type, …>} its fields and their types. Names are kept as written (a quoted
 * one with its quotes). The {@link #shape} of a type and of the driver's {@link DataType} are equal
 * when the two hold the same values, which is how an existing UDT is checked against the one a
 * struct needs: {@code frozen} is ignored, since a UDT's fields are frozen when the UDT is.
 *
 * @param name the type's name as written, such as {@code list}, {@code int} or {@code "Address"}
 * @param fields for a struct, each field's name as written; else empty
 * @param arguments the type arguments, or for a struct each field's type; empty for none
 */
record CqlTypeText(String name, List<String> fields, List<CqlTypeText> arguments) {

    /** @throws IllegalArgumentException saying what was expected where, when {@code text} is no type */
    static CqlTypeText parse(String text) {
        Reader reader = new Reader(text);
        CqlTypeText type = reader.type();
        if (reader.peek() != null) {
            throw reader.unexpected("the end");
        }
        return type;
    }

    boolean isStruct() {
        return name.equalsIgnoreCase("struct");
    }

    /** @return the type as CQL, as written but for spacing; not for a struct, which has no CQL */
    String cql() {
        return arguments.isEmpty()
                ? name
                : name + "<"
                        + String.join(
                                ", ", arguments.stream().map(CqlTypeText::cql).toList()) + ">";
    }

    String shape() {
        if (name.equalsIgnoreCase("frozen") && arguments.size() == 1) {
            return arguments.get(0).shape();
        }
        String plain = name.startsWith("\"") ? shapeOf(CqlIdentifier.fromCql(name)) : name.toLowerCase(Locale.ROOT);
        return arguments.isEmpty()
                ? plain
                : plain + "<"
                        + String.join(
                                ",", arguments.stream().map(CqlTypeText::shape).toList()) + ">";
    }

    static String shape(DataType type) {
        if (type instanceof ListType list) {
            return "list<" + shape(list.getElementType()) + ">";
        } else if (type instanceof SetType set) {
            return "set<" + shape(set.getElementType()) + ">";
        } else if (type instanceof MapType map) {
            return "map<" + shape(map.getKeyType()) + "," + shape(map.getValueType()) + ">";
        } else if (type instanceof TupleType tuple) {
            return "tuple<"
                    + String.join(
                            ",",
                            tuple.getComponentTypes().stream()
                                    .map(CqlTypeText::shape)
                                    .toList()) + ">";
        } else if (type instanceof UserDefinedType udt) {
            return shapeOf(udt.getName());
        }
        return type.asCql(false, true).toLowerCase(Locale.ROOT).replace(" ", "");
    }

    /** A name that needs no quotes is lower case either way: {@code Address} and {@code "address"} are one. */
    private static String shapeOf(CqlIdentifier name) {
        return name.asCql(true);
    }

    /** Reads names ({@code int}, {@code "a ""b"""}), {@code <}, {@code >} and {@code ,}, skipping spaces. */
    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        CqlTypeText type() {
            String name = name();
            List<String> fields = new ArrayList<>();
            List<CqlTypeText> arguments = new ArrayList<>();
            if ("<".equals(peek())) {
                String next = ",";
                while (next.equals(",")) {
                    at++;
                    if (name.equalsIgnoreCase("struct")) {
                        fields.add(name());
                    }
                    arguments.add(type());
                    next = String.valueOf(peek());
                    if (!next.equals(",") && !next.equals(">")) {
                        throw unexpected("',' or '>'");
                    }
                }
                at++;
            }
            return new CqlTypeText(name, List.copyOf(fields), List.copyOf(arguments));
        }

        private String name() {
            String next = peek();
            if (next == null || next.length() == 1 && "<>,".contains(next)) {
                throw unexpected("a name");
            }
            at += next.length();
            return next;
        }

        /** @return the next token, without taking it, or {@code null} at the end */
        String peek() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            if (at == text.length()) {
                return null;
            }
            char first = text.charAt(at);
            int end = at + 1;
            if (first == '"') {
                while (end < text.length() && (text.charAt(end) != '"' || text.startsWith("\"\"", end))) {
                    end += text.startsWith("\"\"", end) ? 2 : 1;
                }
                if (end == text.length()) {
                    throw new IllegalArgumentException("a quoted name opened at " + (at + 1) + " is not closed");
                }
                end++;
            } else if (Character.isLetterOrDigit(first) || first == '_') {
                while (end < text.length()
                        && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
            } else if ("<>,".indexOf(first) < 0) {
                throw unexpected("a name, '<', '>' or ','");
            }
            return text.substring(at, end);
        }

        IllegalArgumentException unexpected(String expected) {
            String where = at == text.length() ? "the end" : "character " + (at + 1);
            return new IllegalArgumentException("expected " + expected + " at " + where + " of '" + text + "'");
        }
    }
}

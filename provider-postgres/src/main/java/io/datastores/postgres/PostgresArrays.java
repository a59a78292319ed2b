package io.datastores.postgres;

import io.datastores.api.ColumnInfo;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.jdbc.ArrowValues;
import java.sql.Types;
import java.util.Map;
import java.util.function.Function;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;

/**
 * Encodes Arrow lists as PostgreSQL one-dimensional arrays in binary COPY form. The element type's
 * OID is part of that form and the server checks it, so only element types listed here are written.
 * Stateless.
 */
final class PostgresArrays {
    /** Element type name to its built-in OID (fixed in PostgreSQL's catalog since 8.x). */
    private static final Map<String, Integer> ELEMENT_OIDS = Map.ofEntries(
            Map.entry("bool", 16),
            Map.entry("bytea", 17),
            Map.entry("int8", 20),
            Map.entry("int2", 21),
            Map.entry("int4", 23),
            Map.entry("text", 25),
            Map.entry("json", 114),
            Map.entry("xml", 142),
            Map.entry("float4", 700),
            Map.entry("float8", 701),
            Map.entry("bpchar", 1042),
            Map.entry("varchar", 1043),
            Map.entry("date", 1082),
            Map.entry("time", 1083),
            Map.entry("timestamp", 1114),
            Map.entry("timestamptz", 1184),
            Map.entry("interval", 1186),
            Map.entry("numeric", 1700),
            Map.entry("uuid", 2950),
            Map.entry("jsonb", 3802));

    private PostgresArrays() {}

    /**
     * @param column an array column ({@code _int4} and so on)
     * @param elements makes the encoder of an element column
     * @return the array encoder
     * @throws DatastoreException with {@link ErrorCode#UNSUPPORTED} for an element type not listed
     */
    static PostgresBinaryEncoder.Encoder encoder(
            ColumnInfo column, Function<ColumnInfo, PostgresBinaryEncoder.Encoder> elements) {
        String elementType = column.typeName().substring(1);
        Integer oid = ELEMENT_OIDS.get(elementType);
        if (oid == null) {
            throw DatastoreException.of(
                    ErrorCode.UNSUPPORTED,
                    "Column '" + column.name() + "' is an array of " + elementType
                            + ", which the PostgreSQL bulk writer cannot encode; write it through SQL");
        }
        PostgresBinaryEncoder.Encoder element =
                elements.apply(new ColumnInfo(column.name(), elementType, Types.OTHER, true, 0, null));
        return (vector, row, out) -> {
            if (!(vector instanceof ListVector list)) {
                throw ArrowValues.invalid(
                        vector,
                        "expected a list for the array column, found "
                                + vector.getField().getType());
            }
            int from = list.getElementStartIndex(row);
            int to = list.getElementEndIndex(row);
            FieldVector values = list.getDataVector();
            boolean hasNull = false;
            for (int i = from; i < to && !hasNull; i++) {
                hasNull = values.isNull(i);
            }
            int start = out.startLength();
            out.int32(to > from ? 1 : 0);
            out.int32(hasNull ? 1 : 0);
            out.int32(oid);
            if (to > from) {
                out.int32(to - from);
                out.int32(1);
            }
            for (int i = from; i < to; i++) {
                if (values.isNull(i)) {
                    out.int32(-1);
                } else {
                    element.encode(values, i, out);
                }
            }
            out.endLength(start);
        };
    }
}

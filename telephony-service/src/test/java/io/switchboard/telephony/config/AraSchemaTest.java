package io.switchboard.telephony.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.telephony.Fixtures;
import io.switchboard.testing.Database;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The realtime tables are Asterisk 22's own: every column of Asterisk 22.10.1's schema (the list in the test
 * resources, taken from the end state of its contrib/realtime/postgresql/postgresql_config.sql) exists with the same
 * type, enum types included.
 */
@QuarkusTest
class AraSchemaTest {

    @Test
    void everyAsteriskColumnExistsWithItsType() throws Exception {
        List<String[]> expected = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/asterisk-22-realtime-columns.csv"), StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                expected.add(line.split(",", 4));
            }
        }
        assertThat(expected).hasSizeGreaterThan(390);

        Map<String, String> actual = new HashMap<>();
        try (Connection connection = Database.connectAs(Fixtures.ROLE);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select table_name, column_name, case when data_type ="
                        + " 'USER-DEFINED' then udt_name when character_maximum_length is not null then data_type"
                        + " || '(' || character_maximum_length || ')' else data_type end, is_nullable"
                        + " from information_schema.columns where table_schema = 'telephony_service'")) {
            while (rs.next()) {
                actual.put(rs.getString(1) + "." + rs.getString(2), rs.getString(3) + "," + rs.getString(4));
            }
        }
        List<String> problems = new ArrayList<>();
        for (String[] column : expected) {
            String key = column[0] + "." + column[1];
            String found = actual.get(key);
            if (found == null) {
                problems.add(key + " is missing");
            } else if (!found.equals(column[2] + "," + column[3])) {
                problems.add(key + " is " + found + ", Asterisk has " + column[2] + "," + column[3]);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void switchboardColumnsOnAsteriskTablesAreNullableOrDefaultedWhereAsteriskInserts() throws Exception {
        try (Connection connection = Database.connectAs(Fixtures.ROLE);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select column_name from information_schema.columns"
                        + " where table_schema = 'telephony_service' and table_name = 'ps_contacts'"
                        + " and is_nullable = 'NO' and column_default is null")) {
            List<String> notNull = new ArrayList<>();
            while (rs.next()) {
                notNull.add(rs.getString(1));
            }
            assertThat(notNull).containsExactly("id");
        }
    }
}

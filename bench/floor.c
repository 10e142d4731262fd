/*
 * floor.c - the parse-and-sum floor of an audit: the least work any audit
 * of bench/gen-audit.sh's files must do.  Reads the manifest, the recipe
 * book and the keyed nutrients of its foods from the SQLite food table,
 * then parses every row of every school's menu and sums per-day nutrient
 * vectors and their period average.  No norms, no checks, no output but a
 * checksum.  One thread.
 *
 *   build/bench-floor MANIFEST RECIPES DB
 *
 * Built by `make bench`; bench/audit.sh times it beside the audit.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_N 64         /* keyed nutrients (36 in the database) */
#define MAX_RECIPES 4096
#define MAX_FOODS 8192
#define MAX_DAYS 512

struct recipe { char name[128]; double yield_g, total[MAX_N]; };

static int n_nut;
static struct recipe recipes[MAX_RECIPES];
static int n_recipes;
static char food_id[MAX_FOODS][8];
static double food[MAX_FOODS][MAX_N];
static int n_foods;
static int table[2 * MAX_RECIPES]; /* recipe by name hash, open addressing; 0 = empty */

static unsigned hash(const char *s, size_t n)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static int find_recipe(const char *s, size_t n)
{
    for (unsigned h = hash(s, n) % (2 * MAX_RECIPES);; h = (h + 1) % (2 * MAX_RECIPES)) {
        int r = table[h] - 1;
        if (r < 0 || (strlen(recipes[r].name) == n && !memcmp(recipes[r].name, s, n)))
            return r;
    }
}

static int find_food(const char *id)
{
    for (int i = 0; i < n_foods; i++)
        if (!strcmp(food_id[i], id))
            return i;
    return -1;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    if (b)
        b[n] = '\0';
    *len = (size_t)n;
    return b;
}

/* The n-th comma-separated field of line p: its start, its length in *len. */
static const char *field(const char *p, int n, size_t *len)
{
    while (n-- > 0 && (p = strpbrk(p, ",\n")) && *p == ',')
        p++;
    if (!p)
        return NULL;
    *len = strcspn(p, ",\r\n");
    return p;
}

static int load_foods(const char *db)
{
    sqlite3 *h;
    sqlite3_stmt *st;
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL))
        return -1;
    if (sqlite3_prepare_v2(h, "SELECT count(*) FROM nutrient WHERE key IS NOT NULL", -1, &st, NULL))
        return -1;
    sqlite3_step(st);
    n_nut = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (n_nut > MAX_N)
        return -1;
    /* Only the foods the book names, a few dozen of 8,800. */
    if (sqlite3_prepare_v2(h, "SELECT d.value, (SELECT count(*) FROM nutrient m WHERE m.key IS NOT NULL "
                              "AND m.nr < n.nr) FROM nut_data d JOIN nutrient n ON n.nr = d.nr "
                              "WHERE d.food_id = ?1 AND n.key IS NOT NULL", -1, &st, NULL))
        return -1;
    for (int f = 0; f < n_foods; f++) {
        sqlite3_bind_text(st, 1, food_id[f], -1, SQLITE_STATIC);
        while (sqlite3_step(st) == SQLITE_ROW)
            food[f][sqlite3_column_int(st, 1)] = sqlite3_column_double(st, 0);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    sqlite3_close(h);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fputs("usage: bench-floor MANIFEST RECIPES DB\n", stderr);
        return 2;
    }
    size_t len = 0, flen = 0;
    char *book = slurp(argv[2], &len);
    if (!book)
        return perror(argv[2]), 1;
    /* recipe,servings,yield_g,food,net_g; a card's first row names it. */
    static double net[MAX_RECIPES * 16];
    static int ing_food[MAX_RECIPES * 16], ing_recipe[MAX_RECIPES * 16];
    int n_ing = 0;
    for (char *p = strchr(book, '\n'); p && p[1]; p = strchr(p + 1, '\n')) {
        const char *f = field(p + 1, 0, &flen);
        if (flen) {
            if (n_recipes == MAX_RECIPES)
                return 1;
            struct recipe *r = &recipes[n_recipes++];
            snprintf(r->name, sizeof r->name, "%.*s", (int)flen, f);
            r->yield_g = strtod(field(p + 1, 2, &flen), NULL);
        }
        char id[8];
        f = field(p + 1, 3, &flen);
        snprintf(id, sizeof id, "%.*s", (int)flen, f);
        int k = find_food(id);
        if (k < 0) {
            k = n_foods++;
            memcpy(food_id[k], id, sizeof id);
        }
        ing_food[n_ing] = k;
        ing_recipe[n_ing] = n_recipes - 1;
        net[n_ing++] = strtod(field(p + 1, 4, &flen), NULL);
    }
    if (load_foods(argv[3]))
        return fputs("bench-floor: cannot read the food table\n", stderr), 1;
    for (int i = 0; i < n_ing; i++)
        for (int n = 0; n < n_nut; n++)
            recipes[ing_recipe[i]].total[n] += food[ing_food[i]][n] * net[i] / 100.0;
    for (int r = 0; r < n_recipes; r++) {
        unsigned h = hash(recipes[r].name, strlen(recipes[r].name)) % (2 * MAX_RECIPES);
        while (table[h])
            h = (h + 1) % (2 * MAX_RECIPES);
        table[h] = r + 1;
    }

    char *manifest = slurp(argv[1], &len);
    if (!manifest)
        return perror(argv[1]), 1;
    const char *slash = strrchr(argv[1], '/');
    int dir = slash ? (int)(slash - argv[1] + 1) : 0;
    static double day[MAX_DAYS][MAX_N];
    double checksum = 0.0;
    long schools = 0, rows = 0;
    for (char *p = strchr(manifest, '\n'); p && p[1]; p = strchr(p + 1, '\n')) {
        char path[4096];
        const char *f = field(p + 1, 4, &flen);
        snprintf(path, sizeof path, "%.*s%.*s", dir, argv[1], (int)flen, f);
        char *menu = slurp(path, &len);
        if (!menu)
            return perror(path), 1;
        /* week,day,meal,dish,portion_g: a day is a (week, day) pair. */
        int days = 0;
        char last[32] = "";
        for (char *q = strchr(menu, '\n'); q && q[1]; q = strchr(q + 1, '\n')) {
            size_t dl = 0;
            const char *d = field(q + 1, 1, &dl);
            char key[32];
            snprintf(key, sizeof key, "%.*s", (int)(d + dl - (q + 1)), q + 1);
            const char *dish = field(q + 1, 3, &dl);
            const char *por = field(q + 1, 4, &flen);
            if (strcmp(key, last)) {
                if (days == MAX_DAYS)
                    return 1;
                memset(day[days++], 0, sizeof day[0]);
                memcpy(last, key, sizeof key);
            }
            int r = find_recipe(dish, dl);
            if (r < 0)
                return fprintf(stderr, "%s: unknown dish\n", path), 1;
            double k = strtod(por, NULL) / recipes[r].yield_g;
            for (int n = 0; n < n_nut; n++)
                day[days - 1][n] += recipes[r].total[n] * k;
            rows++;
        }
        double avg[MAX_N] = {0};
        for (int d = 0; d < days; d++)
            for (int n = 0; n < n_nut; n++)
                avg[n] += day[d][n] / days;
        for (int n = 0; n < n_nut; n++)
            checksum += avg[n];
        free(menu);
        schools++;
    }
    printf("%ld schools, %ld menu rows, checksum %.6g\n", schools, rows, checksum);
    free(manifest);
    free(book);
    return 0;
}

// The user queries are db/queries/users.ts. This re-export stays only until
// edge/middleware/require-user.ts (another change owns edge/middleware/) reads the user with
// `currentUser` from there; then this file goes.
export { currentUserColumns } from '../../db/queries/users';

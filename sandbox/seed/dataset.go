// Package seed holds the sandbox's starting data: plain records for both
// services, produced by a deterministic generator so a seed always yields the
// same org, and loaded into the simulators at start and on reset.
package seed

import "time"

// Dataset is everything both simulators start with. Salesforce records refer
// to each other by Salesforce Id, Zendesk records by Zendesk id; the Zendesk
// side already holds some users and organizations that match Salesforce
// records by email or name, as a real pair of accounts does.
type Dataset struct {
	Salesforce Salesforce
	Zendesk    Zendesk
}

// Salesforce holds sObject rows per object.
type Salesforce struct {
	Users        []Record
	Accounts     []Record
	Contacts     []Record
	Cases        []Record
	CaseComments []Record
	Leads        []Record
}

// Record is one sObject row by field API name. Values are string, float64,
// bool, time.Time or nil. Every record carries Id, CreatedDate,
// LastModifiedDate, SystemModstamp and IsDeleted.
type Record map[string]any

// Zendesk holds the Zendesk account's starting records.
type Zendesk struct {
	Users         []User
	Organizations []Organization
	Tickets       []Ticket
}

// User is a Zendesk user (end-user, agent or admin).
type User struct {
	ID             int64
	Name           string
	Email          string
	Phone          string
	ExternalID     string
	OrganizationID int64
	Role           string
	Active         bool
	Verified       bool
	Tags           []string
	UserFields     map[string]any
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Organization is a Zendesk organization.
type Organization struct {
	ID                 int64
	Name               string
	ExternalID         string
	DomainNames        []string
	Details            string
	Notes              string
	Tags               []string
	OrganizationFields map[string]any
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// Ticket is a Zendesk ticket with its comments, the first being the
// description.
type Ticket struct {
	ID             int64
	ExternalID     string
	Subject        string
	Status         string
	Priority       string
	Type           string
	RequesterID    int64
	SubmitterID    int64
	AssigneeID     int64
	OrganizationID int64
	Tags           []string
	Comments       []Comment
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Comment is one ticket comment.
type Comment struct {
	ID        int64
	AuthorID  int64
	Body      string
	Public    bool
	CreatedAt time.Time
}

// Options sizes the generated data. Now anchors the two years of history
// so tests can pin it.
type Options struct {
	Seed     int64
	Accounts int
	Contacts int
	Tickets  int
	// TicketComments is how many comments each Zendesk ticket has, its
	// description included; zero gives each one to four, as real tickets
	// vary. A benchmark sets it to reach a comment volume with few tickets.
	TicketComments int
	Now            time.Time
}
